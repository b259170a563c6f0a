/**
 * What this installation's privacy policy lets the account forms ask (GET /api/auth/options): how
 * people sign in (a password, or a link e-mailed each time) and which profile fields exist. Read by
 * the sign-up, sign-in and account pages, which show nothing the policy does not declare.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, body } from './api/client.js';
import type { ResponseOf } from './api/types.js';

export type AccountOptions = ResponseOf<'/api/auth/options'>;
export type ProfileField = AccountOptions['profileFields'][number];

export const accountOptionsQuery = () =>
  // The policy changes rarely; a page that outlives a change is corrected by the server's refusal.
  queryOptions({ queryKey: ['account-options'], queryFn: ({ signal }) => body(apiClient.GET('/api/auth/options', { signal })), staleTime: 5 * 60_000 });

/** The options, or undefined while they load. */
export function useAccountOptions(): AccountOptions | undefined {
  return useQuery(accountOptionsQuery()).data;
}
