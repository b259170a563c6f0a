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
 * is never served; requests that arrive together, or while a query is under way, share one query,
 * which reads the versions of all their accounts at once (issue #12).
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
  /** Settles when the query under way has ended, if one is. */
  let running: Promise<void> | null = null;
  /** The batch requests join: its query starts once the one under way has ended and this turn of the event loop is over. */
  let open: Batch | null = null;
  const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));
  // A query already under way may have started before a request: the batch waits for it to end. Its
  // own query starts after the requests of this turn of the event loop have joined it (requests that
  // arrive together, on many connections, share one), and reads the versions of all their accounts.
  const openBatch = (): Batch => {
    const userIds = new Set<string>();
    const versions = (running ? running.then(turnEnds) : turnEnds()).then(() => {
      open = null;
      const reading = read([...userIds]);
      const ended = (): void => {
        if (running === done) running = null;
      };
      const done = reading.then(ended, ended);
      running = done;
      return reading;
    });
    return (open = { userIds, versions });
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
      const batch = open ?? openBatch();
      batch.userIds.add(userId);
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
