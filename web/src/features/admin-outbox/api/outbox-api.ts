import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';

export type OutboxMessage = ResponseOf<'/api/admin/outbox'>['messages'][number];

/** The filtered list; the previous one stays on screen while the next loads. */
export const outboxQuery = (to: string) =>
  queryOptions({
    queryKey: ['admin-outbox', to] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/admin/outbox', { params: { query: { limit: 100, to } }, signal })).then((r) => r.messages),
    placeholderData: (previous) => previous,
  });
