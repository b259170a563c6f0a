import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { storeInTab, tabStorage } from '../../../lib/tab-storage.js';

export type Session = ResponseOf<'/api/me/sessions'>['sessions'][number];
export type ProfileInput = RequestOf<'/api/me', 'patch'>;

const sessionsKey = ['my-sessions'] as const;

export const sessionsQuery = () =>
  queryOptions({ queryKey: sessionsKey, queryFn: ({ signal }) => body(apiClient.GET('/api/me/sessions', { signal })).then((r) => r.sessions) });

export const updateProfile = (input: ProfileInput) => body(apiClient.PATCH('/api/me', { body: input }));
export const changePassword = (currentPassword: string, newPassword: string) => body(apiClient.POST('/api/me/password', { body: { currentPassword, newPassword } }));
export const requestEmailChange = (newEmail: string, currentPassword?: string) =>
  body(apiClient.POST('/api/me/email', { body: { newEmail, ...(currentPassword === undefined ? {} : { currentPassword }) } }));

export const useRevokeSession = () =>
  useApiMutation((id: string) => body(apiClient.DELETE('/api/me/sessions/{id}', { params: { path: { id } } })), () => [sessionsKey]);
export const useRevokeOtherSessions = () => useApiMutation(() => body(apiClient.POST('/api/me/sessions/revoke-others')), () => [sessionsKey]);

export type ClosedAccount = ResponseOf<'/api/me/close', 'post'>;
export const closeMyAccount = () => body(apiClient.POST('/api/me/close', { body: { confirm: true } }));

/** What closing kept, shown once on the page after sign-out (the session is gone by then). */
const CLOSED_KEY = 'meshvault.closed-account';
// Where storage is refused or full, the page after sign-out says the account is closed, without the details.
export const rememberClosure = (closed: ClosedAccount) => void storeInTab(CLOSED_KEY, JSON.stringify(closed));
export const recallClosure = (): ClosedAccount | null => {
  const text = tabStorage()?.getItem(CLOSED_KEY);
  return text ? (JSON.parse(text) as ClosedAccount) : null;
};
