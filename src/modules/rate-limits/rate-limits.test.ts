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
