import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import type { Role } from '../../../lib/auth.js';
import { useApiMutation } from '../../../lib/query.js';

export type AdminUser = ResponseOf<'/api/admin/users'>['users'][number];
export type UserQuery = { q: string; role: Role | ''; offset: number };

export const PAGE_SIZE = 25;

const usersKey = ['admin-users'] as const;

/** One page and one more row, to know whether there is a next page; the previous page stays while it loads. */
export const usersQuery = (query: UserQuery) =>
  queryOptions({
    queryKey: [...usersKey, query] as const,
    queryFn: ({ signal }) =>
      body(apiClient.GET('/api/admin/users', { params: { query: { limit: PAGE_SIZE + 1, offset: query.offset, q: query.q, ...(query.role ? { role: query.role } : {}) } }, signal })).then(
        (r) => r.users,
      ),
    placeholderData: (previous) => previous,
  });

export const useSetUserRole = () =>
  useApiMutation((input: { id: string; role: Role }) => body(apiClient.PUT('/api/admin/users/{id}/role', { params: { path: { id: input.id } }, body: { role: input.role } })), () => [usersKey]);
