/**
 * Issue #12: an authenticated GET /api/me reads the session and the account in one query, and asks the
 * organisations module only while the policy in force switches organisations on; a session this process
 * keeps is served with its account and organisation from memory after one query of the account's
 * sessions version (see orgs' membership-on-me.test.ts for changes to the membership). Counts of
 * statements sent to the database, not timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const password = 'correct horse battery staple';

async function signedIn(email: string) {
  const c = createClient(app);
  expect((await c.post('/api/auth/sign-up', { name: 'Ada Example', email, password, ageConfirmed: true, policy: await policyShown(app) })).statusCode).toBe(201);
  const { token } = await latestMailTo(app, email);
  expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(200);
  expect((await c.post('/api/auth/sign-in', { email, password })).statusCode).toBe(200);
  return c;
}

async function meWithQueries(c: ReturnType<typeof createClient>) {
  // The policy in force rechecks its version now and then (one query, whoever asks): not /api/me's cost.
  await app.services.policy.current();
  const { queries, result } = await app.queries.during(() => c.get('/api/me'));
  expect(result.statusCode, result.body).toBe(200);
  return { queries, me: result.json<Record<string, unknown>>() };
}

describe('GET /api/me (issue #12)', () => {
  it('with organisations on: one query for session and account, one for the organisation; then one in all', async () => {
    expect((await app.services.features.state('organisations')).on).toBe(true);
    const c = await signedIn('orgs-on@example.com');
    const { queries, me } = await meWithQueries(c);
    expect(me).toMatchObject({ email: 'orgs-on@example.com', name: 'Ada Example', emailVerified: true, role: 'customer', organisation: null });
    expect(queries).toBe(2);
    // The session kept: the account's version alone, the account and organisation from memory.
    const again = await meWithQueries(c);
    expect(again.me).toEqual(me);
    expect(again.queries).toBe(1);
  });

  it('shows a change made by an earlier request: nothing kept outlives a change', async () => {
    const c = await signedIn('changes@example.com');
    expect((await c.patch('/api/me', { name: 'Ada Renamed' })).statusCode).toBe(200);
    expect((await meWithQueries(c)).me).toMatchObject({ name: 'Ada Renamed' });
  });

  it('touches a session unseen for a while (two writes) and still reads the session and account once', async () => {
    const c = await signedIn('touch@example.com');
    expect((await meWithQueries(c)).queries).toBe(2);
    app.clock.advance(2 * 60_000);
    const { queries, me } = await meWithQueries(c);
    expect(me).toMatchObject({ email: 'touch@example.com' });
    // Read again to be touched, its version unchanged: the organisation kept beside it still holds.
    expect(queries).toBe(1 + 2);
    expect((await meWithQueries(c)).queries).toBe(1);
  });

  it('with organisations off under the policy in force: one query in all', async () => {
    const c = await signedIn('orgs-off@example.com');
    await putPolicyInForce(app, defaultWithout('org.membership'));
    expect((await app.services.features.state('organisations')).on).toBe(false);
    const { queries, me } = await meWithQueries(c);
    expect(me).toMatchObject({ email: 'orgs-off@example.com', name: 'Ada Example', organisation: null });
    expect(queries).toBe(1);
    expect((await meWithQueries(c)).queries).toBe(1);
  });
});
