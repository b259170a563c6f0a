/**
 * Issue #12: a password sign-in's statements (counts, not timings). The rate limit's counter (ended
 * windows are swept at most once a window); the throttle with the account, whether it is being erased
 * and what it knows of the device, in one query; then the session with the account's activity, its
 * device and its audit entry in one statement, without a transaction. A sign-in that clears a throttle
 * (or alerts of a new device) writes those in a transaction, the audit entry in a statement of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/index.js';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const password = 'correct horse battery staple';

async function signInCounted(email: string, pass: string, from: string) {
  await app.services.policy.current();
  const { queries, result } = await app.queries.during(() => app.http.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: pass }, remoteAddress: from, headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' } }));
  return { queries, status: result.statusCode, body: result.body };
}

describe('password sign-in (issue #12)', () => {
  it('answers with the account it read, in three statements, and the audit chain still verifies', async () => {
    const email = 'count@example.com';
    const c = createClient(app);
    expect((await c.post('/api/auth/sign-up', { name: 'Ada Example', email, password, ageConfirmed: true, policy: await policyShown(app) })).statusCode).toBe(201);
    expect((await c.post('/api/auth/verify-email', { token: (await latestMailTo(app, email)).token })).statusCode).toBe(200);
    const first = await signInCounted(email, password, '10.9.0.1');
    expect(first.status, first.body).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ user: { email, name: 'Ada Example', emailVerified: true } });
    // The rate limit's counter (1; the sign-up's requests already swept ended windows), throttle,
    // account, erasure and device check (1), session with device and audit entry (1).
    expect(first.queries).toBe(3);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });

  it('a wrong password counts against the address, and the next right one clears it', async () => {
    const email = 'throttled@example.com';
    const c = createClient(app);
    await c.post('/api/auth/sign-up', { name: 'Bo Example', email, password, ageConfirmed: true, policy: await policyShown(app) });
    await c.post('/api/auth/verify-email', { token: (await latestMailTo(app, email)).token });
    expect((await signInCounted(email, 'wrong password here', '10.9.0.2')).status).toBe(401);
    const right = await signInCounted(email, password, '10.9.0.3');
    expect(right.status).toBe(200);
    // Two more than a sign-in without failures: the throttle row to clear, and the audit entry apart.
    expect(right.queries).toBe(5);
    const again = await signInCounted(email, password, '10.9.0.4');
    expect(again.queries).toBe(3);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });
});
