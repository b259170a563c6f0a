import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

/** What staff issue an organisation's licence from: organisations, products and their policies (the term). */
export type AdminOrganisation = ResponseOf<'/api/admin/orgs'>['organisations'][number];
export type LicensedProduct = ResponseOf<'/api/licensing/products'>['products'][number];
export type LicencePolicy = ResponseOf<'/api/licensing/policies'>['policies'][number];
export type NewLicence = RequestOf<'/api/licensing/licences', 'post'>;
export type SeatedLicence = ResponseOf<'/api/orgs/{id}/licences'>['licences'][number];
export type OrgMember = ResponseOf<'/api/orgs/{id}/members'>['members'][number];

const licencesKey = ['admin-licences'] as const;
const seatsKey = (orgId: string) => ['admin-licence-seats', orgId] as const;

export const organisationsQuery = () =>
  queryOptions({ queryKey: ['admin-licences-organisations'], queryFn: ({ signal }) => body(apiClient.GET('/api/admin/orgs', { params: { query: { limit: 500, offset: 0 } }, signal })).then((r) => r.organisations) });

export const productsQuery = () => queryOptions({ queryKey: ['admin-licences-products'], queryFn: ({ signal }) => body(apiClient.GET('/api/licensing/products', { signal })).then((r) => r.products) });

export const policiesQuery = () => queryOptions({ queryKey: ['admin-licences-policies'], queryFn: ({ signal }) => body(apiClient.GET('/api/licensing/policies', { signal })).then((r) => r.policies) });

export const useIssueLicence = () => useApiMutation((input: NewLicence) => body(apiClient.POST('/api/licensing/licences', { body: input })), () => [licencesKey]);

/** The organisation's licences with their seats, and its members to name the holders (both reads audited). */
export const orgSeatsQuery = (orgId: string) =>
  queryOptions({ queryKey: seatsKey(orgId), queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/licences', { params: { path: { id: orgId } }, signal })).then((r) => r.licences) });

export const orgMembersQuery = (orgId: string) =>
  queryOptions({
    queryKey: [...seatsKey(orgId), 'members'],
    queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/members', { params: { path: { id: orgId }, query: { limit: 1000, offset: 0 } }, signal })).then((r) => r.members),
  });

export const useFreeSeat = (orgId: string) =>
  useApiMutation(
    ({ licenceId, userId }: { licenceId: string; userId: string }) => body(apiClient.DELETE('/api/orgs/{id}/licences/{licenceId}/users/{userId}', { params: { path: { id: orgId, licenceId, userId } } })),
    () => [seatsKey(orgId), licencesKey],
  );
