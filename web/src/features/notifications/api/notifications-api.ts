import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type NotificationList = ResponseOf<'/api/notifications'>;
export type AppNotification = NotificationList['notifications'][number];

/** The page and the unread count in the navigation: reading one refreshes both. */
const notificationsKey = ['notifications'] as const;
const UNREAD_POLL_MS = 60_000;

export const notificationsQuery = () =>
  queryOptions({
    queryKey: [...notificationsKey, 'list'] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/notifications', { params: { query: { limit: 100, unread: 'false' } }, signal })),
  });

/** Just the count; looked at again every minute. */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: [...notificationsKey, 'unread'] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/notifications', { params: { query: { limit: 1, unread: 'true' } }, signal })).then((r) => r.unread),
    refetchInterval: UNREAD_POLL_MS,
  });

export const useMarkRead = () => useApiMutation((id: string) => body(apiClient.POST('/api/notifications/{id}/read', { params: { path: { id } } })), () => [notificationsKey]);
export const useMarkAllRead = () => useApiMutation(() => body(apiClient.POST('/api/notifications/read-all')), () => [notificationsKey]);
