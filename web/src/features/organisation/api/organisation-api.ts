import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { isExportPending } from '../../../lib/data-exports.js';
import { useApiMutation } from '../../../lib/query.js';

export type MyOrganisation = NonNullable<ResponseOf<'/api/orgs/mine'>['organisation']>;
export type MembersAndInvitations = ResponseOf<'/api/orgs/{id}/members'>;
export type Member = MembersAndInvitations['members'][number];
export type Invitation = MembersAndInvitations['invitations'][number];
/** The exports this administrator asked for about members, and the members whose erasure is under way. */
export type MemberRights = ResponseOf<'/api/orgs/{id}/member-rights'>;
/** An export of a member's data that the signed-in administrator asked for (only they may download it). */
export type MemberExport = MemberRights['exports'][number];
export type MemberErasure = MemberRights['erasures'][number];
/** Seed 002: members' privacy requests, where the policy lets organisation administrators see them. */
export type MemberRequest = ResponseOf<'/api/orgs/{id}/member-requests'>['requests'][number];

const RIGHTS_POLL_MS = 2000;

const keys = {
  mine: ['my-organisation'] as const,
  members: (orgId: string) => ['organisation-members', orgId] as const,
  rights: (orgId: string) => ['organisation-member-rights', orgId] as const,
  requests: (orgId: string) => ['organisation-member-requests', orgId] as const,
};
const path = (id: string) => ({ params: { path: { id } } });
const member = (id: string, userId: string) => ({ params: { path: { id, userId } } });

export const myOrganisationQuery = () =>
  queryOptions({ queryKey: keys.mine, queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/mine', { signal })).then((r) => r.organisation) });
export const membersQuery = (orgId: string) =>
  queryOptions({ queryKey: keys.members(orgId), queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/members', { ...path(orgId), signal })) });
/** Followed every few seconds while an export is prepared or an erasure runs. */
export const memberRightsQuery = (orgId: string) =>
  queryOptions({
    queryKey: keys.rights(orgId),
    queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/member-rights', { ...path(orgId), signal })),
    refetchInterval: (query) => {
      const rights = query.state.data;
      return rights && (rights.erasures.length > 0 || rights.exports.some((e) => isExportPending(e.status))) ? RIGHTS_POLL_MS : false;
    },
  });

/** Refused (403) where the policy does not name the organisation's administrator as a way to act: not retried. */
export const memberRequestsQuery = (orgId: string) =>
  queryOptions({ queryKey: keys.requests(orgId), queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/member-requests', { ...path(orgId), signal })).then((r) => r.requests), retry: false });

export const acceptInvitation = (token: string) => body(apiClient.POST('/api/orgs/invitations/accept', { body: { token } }));

export const useInviteMember = (orgId: string) =>
  useApiMutation((email: string) => body(apiClient.POST('/api/orgs/{id}/invitations', { ...path(orgId), body: { email } })), () => [keys.members(orgId)]);

export type MembershipChange = 'suspend' | 'reactivate' | 'remove';
export const useChangeMembership = (orgId: string) =>
  useApiMutation(
    ({ userId, change }: { userId: string; change: MembershipChange }) =>
      change === 'suspend'
        ? body(apiClient.POST('/api/orgs/{id}/members/{userId}/suspend', member(orgId, userId)))
        : change === 'reactivate'
          ? body(apiClient.POST('/api/orgs/{id}/members/{userId}/reactivate', member(orgId, userId)))
          : body(apiClient.DELETE('/api/orgs/{id}/members/{userId}', member(orgId, userId))),
    () => [keys.members(orgId)],
  );
export const useExportMemberData = (orgId: string) =>
  useApiMutation((userId: string) => body(apiClient.POST('/api/orgs/{id}/members/{userId}/export', member(orgId, userId))), () => [keys.rights(orgId)]);
export const useEraseMember = (orgId: string) =>
  useApiMutation((userId: string) => body(apiClient.POST('/api/orgs/{id}/members/{userId}/erase', member(orgId, userId))), () => [keys.members(orgId), keys.rights(orgId)]);

/** For the page to refresh the list when an erasure it follows has taken a member off it. */
export const membersKey = keys.members;
