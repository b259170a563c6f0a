import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type Connection = ResponseOf<'/api/integrations/connections'>['connections'][number];
export type Delivery = ResponseOf<'/api/integrations/connections/{id}/deliveries'>['deliveries'][number];
export type NewConnection = RequestOf<'/api/integrations/connections', 'post'>;
export type ConnectionSecrets = ResponseOf<'/api/integrations/connections', 'post'>;

const integrationsKey = ['integrations'] as const;

export const connectionsQuery = () =>
  queryOptions({
    queryKey: [...integrationsKey, 'connections'] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/integrations/connections', { signal })).then((r) => r.connections),
  });

export const eventTypesQuery = () =>
  queryOptions({
    queryKey: [...integrationsKey, 'event-types'] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/integrations/event-types', { signal })).then((r) => r.eventTypes),
    staleTime: Infinity,
  });

export const deliveriesQuery = (connectionId: string) =>
  queryOptions({
    queryKey: [...integrationsKey, 'deliveries', connectionId] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/integrations/connections/{id}/deliveries', { params: { path: { id: connectionId } }, signal })).then((r) => r.deliveries),
  });

export const useConnect = () => useApiMutation((input: NewConnection) => body(apiClient.POST('/api/integrations/connections', { body: input })), () => [integrationsKey]);

export const useSetEnabled = () =>
  useApiMutation(
    ({ id, enabled }: { id: string; enabled: boolean }) => body(apiClient.PATCH('/api/integrations/connections/{id}', { params: { path: { id } }, body: { enabled } })),
    () => [integrationsKey],
  );

export const useRemoveCredential = () =>
  useApiMutation((id: string) => body(apiClient.PATCH('/api/integrations/connections/{id}', { params: { path: { id } }, body: { credential: null } })), () => [integrationsKey]);

export const useDisconnect = () =>
  useApiMutation((id: string) => body(apiClient.DELETE('/api/integrations/connections/{id}', { params: { path: { id } } })), () => [integrationsKey]);

export const useReplay = () =>
  useApiMutation(
    ({ connectionId, deliveryId }: { connectionId: string; deliveryId: string }) =>
      body(apiClient.POST('/api/integrations/connections/{id}/deliveries/{deliveryId}/replay', { params: { path: { id: connectionId, deliveryId } } })),
    () => [integrationsKey],
  );
