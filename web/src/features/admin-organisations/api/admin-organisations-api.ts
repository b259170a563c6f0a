import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type OrganisationSummary = ResponseOf<'/api/admin/orgs'>['organisations'][number];
export type NewOrganisation = RequestOf<'/api/admin/orgs', 'post'>;

const organisationsKey = ['admin-organisations'] as const;

export const organisationsQuery = () =>
  queryOptions({ queryKey: organisationsKey, queryFn: ({ signal }) => body(apiClient.GET('/api/admin/orgs', { signal })).then((r) => r.organisations) });

export const useCreateOrganisation = () => useApiMutation((input: NewOrganisation) => body(apiClient.POST('/api/admin/orgs', { body: input })), () => [organisationsKey]);
