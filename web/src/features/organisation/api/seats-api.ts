import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

/** Seed 002: an organisation's licences and who holds their seats (Keygen's licence users). */
export type OrgLicence = ResponseOf<'/api/orgs/{id}/licences'>['licences'][number];

const seatsKey = (orgId: string) => ['organisation-licence-seats', orgId] as const;
const seat = (id: string, licenceId: string, userId: string) => ({ params: { path: { id, licenceId, userId } } });

/** Refused where licences are off (404) or the policy keeps seats with staff (403): not retried. */
export const orgLicencesQuery = (orgId: string) =>
  queryOptions({
    queryKey: seatsKey(orgId),
    queryFn: ({ signal }) => body(apiClient.GET('/api/orgs/{id}/licences', { params: { path: { id: orgId } }, signal })).then((r) => r.licences),
    retry: false,
  });

export const useAssignSeat = (orgId: string) =>
  useApiMutation(
    ({ licenceId, userId }: { licenceId: string; userId: string }) => body(apiClient.POST('/api/orgs/{id}/licences/{licenceId}/users', { params: { path: { id: orgId, licenceId } }, body: { userId } })),
    () => [seatsKey(orgId)],
  );

export const useFreeSeat = (orgId: string) =>
  useApiMutation(({ licenceId, userId }: { licenceId: string; userId: string }) => body(apiClient.DELETE('/api/orgs/{id}/licences/{licenceId}/users/{userId}', seat(orgId, licenceId, userId))), () => [seatsKey(orgId)]);
