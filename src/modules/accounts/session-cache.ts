import type { AccountsDeps } from './accounts.deps.js';
import * as store from './accounts.store.js';
import type { ShownUserRow } from './session-user.js';

/** A live session as its request read it, with the counter of changes read in the same snapshot. */
export type KeptSession = { sessionId: string; user: ShownUserRow; expiresAt: Date; lastSeenAt: Date; version: string };

/** Sessions unseen this long are read (and touched) again anyway; so no entry outlives it unused. */
export const TOUCH_AFTER_MS = 60_000;
const MAX_KEPT = 10_000;

/**
 * Each process keeps the sessions it authenticated, by token hash, and serves one again only while
 * `session_changes` (moved by a trigger in the same transaction as any revocation, sign-out
 * everywhere, closure, erasure or change of the account) still holds the version read with it. The
 * version is read by a query that starts after the request arrived, so a session ended by any process
 * before the request is never served; concurrent requests share that one query (issue #12).
 */
export type SessionCache = {
  kept(tokenHash: string): KeptSession | undefined;
  keep(tokenHash: string, session: KeptSession): void;
  forget(tokenHash: string): void;
  /** The current version, from a query started after this call. */
  currentVersion(): Promise<string>;
};

export function createSessionCache(read: () => Promise<string>): SessionCache {
  const sessions = new Map<string, KeptSession>();
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = () => {
    const query: Promise<string> = read().finally(() => {
      if (running === query) running = null;
    });
    running = query;
    return query;
  };
  const after = () => undefined;
  return {
    kept: (tokenHash) => sessions.get(tokenHash),
    keep: (tokenHash, session) => {
      sessions.delete(tokenHash);
      if (sessions.size >= MAX_KEPT) sessions.delete(sessions.keys().next().value!);
      sessions.set(tokenHash, session);
    },
    forget: (tokenHash) => void sessions.delete(tokenHash),
    // A query already under way may have started before this request: wait for the next one, which
    // every request arriving meanwhile shares.
    currentVersion: () =>
      running === null
        ? start()
        : (next ??= running.then(after, after).then(() => {
            next = null;
            return start();
          })),
  };
}

/** One cache per bound set of dependencies (one per app), made on first use. */
const caches = new WeakMap<AccountsDeps, SessionCache>();
export function sessionCacheOf(deps: AccountsDeps): SessionCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = createSessionCache(() => store.sessionChangesVersion(deps.db))));
  return cache;
}
