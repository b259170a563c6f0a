import type { AccountsDeps } from './accounts.deps.js';
import * as store from './accounts.store.js';
import type { SessionMemo, ShownUserRow } from './session-user.js';

/**
 * A live session as its request read it, with its account's sessions version read in the same
 * snapshot, and what other modules keep beside it while that version holds (session-memo.ts).
 */
export type KeptSession = { sessionId: string; user: ShownUserRow; expiresAt: Date; lastSeenAt: Date; version: string; memo: SessionMemo };

/** Sessions unseen this long are read (and touched) again anyway; so no entry outlives it unused. */
export const TOUCH_AFTER_MS = 60_000;
const MAX_KEPT = 10_000;

/**
 * Each process keeps the sessions it authenticated, by token hash, and serves one again only while
 * its account's `sessions_version` (moved by a trigger in the same transaction as any revocation, sign
 * out everywhere, closure, erasure or change of the account) still holds the version read with it; a
 * change to one account leaves every other account's kept sessions alone. The version is read by a
 * query that starts after the request arrived, so a session ended by any process before the request
 * is never served; concurrent requests share that one query, which reads the versions of all their
 * accounts at once (issue #12).
 */
export type SessionCache = {
  kept(tokenHash: string): KeptSession | undefined;
  keep(tokenHash: string, session: KeptSession): void;
  forget(tokenHash: string): void;
  /** The account's current version, from a query started after this call; undefined when it has none. */
  currentVersion(userId: string): Promise<string | undefined>;
};

type Batch = { userIds: Set<string>; versions: Promise<Map<string, string>> };

export function createSessionCache(read: (userIds: readonly string[]) => Promise<Map<string, string>>): SessionCache {
  const sessions = new Map<string, KeptSession>();
  let running: Batch | null = null;
  let next: Batch | null = null;
  const start = (userIds: Set<string>): Batch => {
    const versions = read([...userIds]).finally(() => {
      if (running?.versions === versions) running = null;
    });
    return (running = { userIds, versions });
  };
  const after = () => undefined;
  // A query already under way may have started before this request: wait for the next one, which
  // every request arriving meanwhile shares, with the accounts of all of them.
  const nextBatch = (current: Batch): Batch => {
    if (next) return next;
    const userIds = new Set<string>();
    const waiting: Batch = {
      userIds,
      versions: current.versions.then(after, after).then(() => {
        next = null;
        return start(userIds).versions;
      }),
    };
    return (next = waiting);
  };
  return {
    kept: (tokenHash) => sessions.get(tokenHash),
    keep: (tokenHash, session) => {
      sessions.delete(tokenHash);
      if (sessions.size >= MAX_KEPT) sessions.delete(sessions.keys().next().value!);
      sessions.set(tokenHash, session);
    },
    forget: (tokenHash) => void sessions.delete(tokenHash),
    currentVersion: async (userId) => {
      let batch: Batch;
      if (running === null) batch = start(new Set([userId]));
      else (batch = nextBatch(running)).userIds.add(userId);
      return (await batch.versions).get(userId);
    },
  };
}

/** One cache per bound set of dependencies (one per app), made on first use. */
const caches = new WeakMap<AccountsDeps, SessionCache>();
export function sessionCacheOf(deps: AccountsDeps): SessionCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = createSessionCache((userIds) => store.sessionsVersionsOf(deps.db, userIds))));
  return cache;
}
