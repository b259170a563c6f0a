import type { Principal } from '../../platform/http/index.js';
import { sessionMemoOf } from './session-user.js';

/**
 * What other modules derive from an account for a request (e.g. the organisation GET /api/me tells
 * of), kept beside a session that session-cache.ts keeps: it lives exactly as long as the account's
 * sessions version the session was read with, so a change that moves the version (a trigger in the
 * change's transaction, whichever process makes it) drops it with the kept session. A module whose
 * data is kept here moves the version on every change to it (see orgs' membership migration). The
 * memo reaches the request beside its Principal (session-user.ts).
 */

/** The value kept under `key` beside this request's session, read (once, however many ask) if none is. */
export function keptWithSession<T>(principal: Principal, key: string, read: () => Promise<T>): Promise<T> {
  const memo = sessionMemoOf(principal);
  if (!memo) return read();
  const kept = memo.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const value = read();
  memo.set(key, value);
  // A failed read is not kept: the next request reads again.
  value.catch(() => memo.get(key) === value && memo.delete(key));
  return value;
}
