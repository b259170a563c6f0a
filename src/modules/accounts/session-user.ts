import type { Principal } from '../../platform/http/index.js';
import type { UserRow } from './accounts.tables.js';

/** The columns of an account that presentUser shows (never the password hash). */
export type ShownUserRow = Pick<UserRow, 'id' | 'email' | 'email_verified_at' | 'name' | 'phone' | 'company' | 'job_title' | 'role' | 'status' | 'created_at' | 'password_must_change'>;

/**
 * The account row the session query read while authenticating a request, kept beside that request's
 * Principal (a new object per request) so GET /api/me need not read it again. It lives only as long as
 * the Principal does; across requests, session-cache.ts serves it only while no change happened since.
 */
const readWithSession = new WeakMap<Principal, ShownUserRow>();

export function rememberSessionUser(principal: Principal, user: ShownUserRow): void {
  readWithSession.set(principal, user);
}

export function sessionUserOf(principal: Principal): ShownUserRow | undefined {
  return readWithSession.get(principal);
}
