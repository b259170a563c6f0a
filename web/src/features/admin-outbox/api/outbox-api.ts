import { api } from '../../../lib/api-client.js';

export type OutboxMessage = { id: string; to: string; subject: string; text: string; kind: string; createdAt: string; sentAt: string | null };

export const listOutbox = (to: string, signal?: AbortSignal) => api.get<{ messages: OutboxMessage[] }>('/api/admin/outbox', { limit: 100, to }, signal);
