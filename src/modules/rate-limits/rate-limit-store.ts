import { sql, type Kysely } from 'kysely';
import { compiledOnce } from '../../platform/db/index.js';
import type { RateLimitStore } from '../../platform/http/index.js';
import type { RateLimitsTables } from './rate-limits.tables.js';

export type RateLimitStoreDeps = {
  db: Kysely<RateLimitsTables>;
  now: () => Date;
  /** A keyed hash of a limit's key (HMAC under the installation secret): no address is stored. */
  hashKey: (key: string) => string;
};

/**
 * The counters of @fastify/rate-limit in the shared database instead of one process's memory: one
 * atomic upsert per request counts it and starts a new window when the old one ended, so two API
 * processes behind a load balancer share each limit. Ended windows are removed as new ones start, by
 * each process at most once a window: a sweep on every new window cost every request from a new
 * address a second statement (issue #12), and an ended row outlives its window by at most one more.
 */
export function databaseRateLimitStore(deps: RateLimitStoreDeps): RateLimitStore {
  let sweptAt = -Infinity;
  return {
    async incr(key, timeWindowMs) {
      const now = deps.now();
      const ends = new Date(now.getTime() + timeWindowMs);
      const { rows } = await countHit(deps.db, deps.hashKey(key), ends, now);
      const row = rows[0]!;
      if (row.hits === 1 && now.getTime() - sweptAt >= timeWindowMs) {
        sweptAt = now.getTime();
        await deps.db.deleteFrom('rate_limit_counters').where('window_ends_at', '<=', now).execute();
      }
      return { current: row.hits, ttl: Math.max(0, new Date(row.window_ends_at).getTime() - now.getTime()) };
    },
  };
}

/** One request counted: compiled once, as it runs on every rate-limited request (issue #12). */
const countHit = compiledOnce(3, (db: Kysely<RateLimitsTables>, keyHash: string, ends: Date, now: Date) =>
  db
    .insertInto('rate_limit_counters')
    .values({ key_hash: keyHash, hits: 1, window_ends_at: ends })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        hits: sql`case when rate_limit_counters.window_ends_at <= ${now} then 1 else rate_limit_counters.hits + 1 end`,
        window_ends_at: sql`case when rate_limit_counters.window_ends_at <= ${now} then excluded.window_ends_at else rate_limit_counters.window_ends_at end`,
      }),
    )
    .returning(['hits', 'window_ends_at']),
);
