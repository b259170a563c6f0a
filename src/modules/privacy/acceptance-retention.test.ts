import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD } from '../../test-support/builders.js';
import { createClient, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { upperBoundDays } from './manifest/durations.js';

/*
 * An acceptance of the policy is a consent.record: kept for that category's period (the manifest's
 * retention), then removed like any other. The proof of what a living account accepted goes with the
 * last one, so its owner is asked again, by every process alike, however recently one of them saw
 * the acceptance; accepting anew lets them through.
 */

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
}, 60_000);
afterAll(async () => app?.dispose());

const DAY = 24 * 3600_000;

/** A fresh sign-in, as the person would after their session ended: also keeps the account active. */
async function signInAgain(email: string) {
  const c = createClient(app);
  expect((await c.post('/api/auth/sign-in', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  return c;
}

describe('an acceptance at the end of its retention', () => {
  it('is removed by retention, and the person is then asked to accept the policy again', async () => {
    const person = await signedIn(app);
    const rule = (await app.services.policy.current()).manifest.retention.find((r) => r.categories.includes('consent.record'))!;
    const periodMs = (upperBoundDays(rule.duration) + 1) * DAY;
    // Active every quarter of the period (so the account itself stays), while the acceptance of the first day ages past it.
    for (let quarter = 1; quarter <= 4; quarter++) {
      app.clock.advance(periodMs / 4);
      expect((await (await signInAgain(person.email)).get('/api/me/sessions')).statusCode).toBe(200);
    }
    await app.services.retention.runRetention();
    expect(await app.db.selectFrom('policy_acceptances').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', person.id).execute()).toHaveLength(1);

    // The next day (a process trusts its memory of an acceptance for minutes, not days).
    app.clock.advance(DAY);
    const c = await signInAgain(person.email);
    expect((await c.get('/api/me')).json()).toMatchObject({ policyAcceptanceRequired: true });
    expect((await c.get('/api/me/sessions')).json()).toMatchObject({ status: 403, reason: 'policy_acceptance_required' });
    expect((await c.post('/api/me/policy-acceptance', { ...(await policyShown(app)), accepted: true })).statusCode).toBe(201);
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);
  });
});
