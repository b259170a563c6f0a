import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type StaffLicence = ResponseOf<'/api/licensing/licences'>['licences'][number];
export type LicenceChange = 'suspend' | 'reinstate' | 'revoke';

const licencesKey = ['admin-licences'] as const;

export const adminLicencesQuery = () =>
  queryOptions({
    queryKey: licencesKey,
    queryFn: ({ signal }) => body(apiClient.GET('/api/licensing/licences', { params: { query: { limit: 200, offset: 0 } }, signal })).then((r) => r.licences),
  });

export const useChangeLicence = () =>
  useApiMutation(({ id, change }: { id: string; change: LicenceChange }) => {
    const params = { params: { path: { id } } };
    switch (change) {
      case 'suspend':
        return body(apiClient.POST('/api/licensing/licences/{id}/suspend', params));
      case 'reinstate':
        return body(apiClient.POST('/api/licensing/licences/{id}/reinstate', params));
      case 'revoke':
        return body(apiClient.POST('/api/licensing/licences/{id}/revoke', params));
    }
  }, () => [licencesKey]);
