import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type MyLicence = ResponseOf<'/api/licensing/my-licences'>['licences'][number];
export type MyMachine = MyLicence['machines'][number];

const licencesKey = ['my-licences'] as const;

export const myLicencesQuery = () =>
  queryOptions({
    queryKey: licencesKey,
    queryFn: ({ signal }) => body(apiClient.GET('/api/licensing/my-licences', { signal })).then((r) => r.licences),
  });

export const useDeactivateMachine = () =>
  useApiMutation((id: string) => body(apiClient.DELETE('/api/licensing/my-machines/{id}', { params: { path: { id } } })), () => [licencesKey]);
