import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { databaseRateLimitStore } from './rate-limit-store.js';

/**
 * Rate limits count in the shared database, so they hold across API processes: two stores over one
 * database (two processes) share each counter, a new window starts when the old one ends, and no
 * key (a client address, an e-mail address) is stored, only its keyed hash.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const storeOf = () => databaseRateLimitStore({ db: app.db, now: app.clock.now, hashKey: (key) => `hash-of-${key.length}-${Buffer.from(key).toString('base64url')}` });

describe('rate limits in the database', () => {
  it('two processes share one counter per key and window, and a new window starts when it ends', async () => {
    const [first, second] = [storeOf(), storeOf()];
    expect(await first.incr('POST/api/x-203.0.113.9', 60_000, 3)).toMatchObject({ current: 1 });
    expect(await second.incr('POST/api/x-203.0.113.9', 60_000, 3)).toMatchObject({ current: 2 });
    const third = await first.incr('POST/api/x-203.0.113.9', 60_000, 3);
    expect(third.current).toBe(3);
    expect(third.ttl).toBeGreaterThan(0);
    expect(third.ttl).toBeLessThanOrEqual(60_000);
    expect(await second.incr('POST/api/x-198.51.100.1', 60_000, 3)).toMatchObject({ current: 1 });
    app.clock.advance(61_000);
    expect(await second.incr('POST/api/x-203.0.113.9', 60_000, 3)).toMatchObject({ current: 1 });
  });

  it('a process removes ended windows as a new one starts, at most once a window (issue #12)', async () => {
    const store = storeOf();
    const rowOf = (key: string) => app.db.selectFrom('rate_limit_counters').select('hits').where('key_hash', '=', `hash-of-${key.length}-${Buffer.from(key).toString('base64url')}`).executeTakeFirst();
    await store.incr('POST/api/y-192.0.2.1', 60_000, 3);
    app.clock.advance(61_000);
    // The first window of 192.0.2.1 has ended: a new window of another address sweeps it away.
    const swept = await app.queries.during(() => store.incr('POST/api/y-192.0.2.2', 60_000, 3));
    expect(swept.queries).toBe(2);
    expect(await rowOf('POST/api/y-192.0.2.1')).toBeUndefined();
    // Within the same window the next new address is counted in one statement, without a sweep.
    expect((await app.queries.during(() => store.incr('POST/api/y-192.0.2.3', 60_000, 3))).queries).toBe(1);
    expect(await rowOf('POST/api/y-192.0.2.3')).toMatchObject({ hits: 1 });
  });

  it('the app counts its limits there, storing a keyed hash and never the address or e-mail', async () => {
    const before = await app.db.selectFrom('rate_limit_counters').selectAll().execute();
    const visitor = createClient(app);
    for (let i = 0; i < 3; i++) expect((await visitor.post('/api/auth/sign-in', { email: 'flood@limits.test', password: 'not the password' })).statusCode).toBe(401);
    const rows = await app.db.selectFrom('rate_limit_counters').selectAll().execute();
    expect(rows.length).toBeGreaterThan(before.length);
    const text = JSON.stringify(rows);
    for (const trace of ['127.0.0.1', 'flood@limits.test', 'sign-in']) expect(text).not.toContain(trace);
    expect(Math.max(...rows.map((r) => r.hits))).toBeGreaterThanOrEqual(3);
  });
});
