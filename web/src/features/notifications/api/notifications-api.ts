import { api } from '../../../lib/api-client.js';

export type AppNotification = { id: string; projectId: string | null; kind: string; title: string; body: string; createdAt: string; readAt: string | null };
export type NotificationList = { unread: number; notifications: AppNotification[] };

export const listNotifications = (options: { unreadOnly?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
  api.get<NotificationList>('/api/notifications', { limit: options.limit ?? 100, unread: options.unreadOnly ? 'true' : 'false' }, signal);
export const markRead = (id: string) => api.post<{ ok: true }>(`/api/notifications/${encodeURIComponent(id)}/read`);
export const markAllRead = () => api.post<{ marked: number }>('/api/notifications/read-all');

/** Dispatched on window after notifications are read here, so the count in the navigation follows at once. */
export const NOTIFICATIONS_CHANGED_EVENT = 'meshvault:notifications-changed';
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
