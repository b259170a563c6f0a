import type { Principal } from '../../platform/http/index.js';
import type { UserRow } from './accounts.tables.js';

/** The columns of an account that presentUser shows (never the password hash). */
export type ShownUserRow = Pick<UserRow, 'id' | 'email' | 'email_verified_at' | 'name' | 'phone' | 'company' | 'job_title' | 'role' | 'status' | 'created_at' | 'password_must_change'>;

/** What other modules keep beside a kept session while its account's version holds (session-memo.ts). */
export type SessionMemo = Map<string, Promise<unknown>>;

/**
 * What authenticating a request read with its session, kept beside that request's Principal (a new
 * object per request): the account row, so GET /api/me need not read it again, and the session's memo.
 * It lives only as long as the Principal does; across requests, session-cache.ts serves it only while
 * no change happened since.
 */
const readWithSession = new WeakMap<Principal, { user: ShownUserRow; memo: SessionMemo }>();

export function rememberSession(principal: Principal, user: ShownUserRow, memo: SessionMemo): void {
  readWithSession.set(principal, { user, memo });
}

export function sessionUserOf(principal: Principal): ShownUserRow | undefined {
  return readWithSession.get(principal)?.user;
}

export function sessionMemoOf(principal: Principal): SessionMemo | undefined {
  return readWithSession.get(principal)?.memo;
}
