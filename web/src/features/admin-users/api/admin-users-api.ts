import { api } from '../../../lib/api-client.js';
import type { Me, Role } from '../../../lib/auth.js';

export type AdminUser = Omit<Me, 'organisation'>;
export type UserQuery = { q: string; role: Role | ''; offset: number };

export const PAGE_SIZE = 25;

export const listUsers = (query: UserQuery, signal?: AbortSignal) =>
  api.get<{ users: AdminUser[] }>('/api/admin/users', { limit: PAGE_SIZE + 1, offset: query.offset, q: query.q, role: query.role }, signal);
export const setUserRole = (id: string, role: Role) => api.put<{ ok: true }>(`/api/admin/users/${encodeURIComponent(id)}/role`, { role });
