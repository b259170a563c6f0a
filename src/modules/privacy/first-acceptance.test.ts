import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptPolicy, auditEntries, signedIn, TEST_PASSWORD } from '../../test-support/builders.js';
import { createClient, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { madeByOperator as madeForOwner, publishAcceptedByUse } from './acceptance-test-support.js';

/*
 * An account made for someone (the operator's `meshvault user create`) has no acceptance from a
 * sign-up: its owner is asked at the first sign-in, and the API refuses what processes their data
 * until they accept. Through the CLI command itself, so the path the operator uses is the one tested.
 */

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs(); // publishing (the by_use case) queues the change notices
}, 60_000);
afterAll(async () => app?.dispose());

/** An account the operator makes on the console, then its owner signs in and reads /api/me (nothing accepted yet). */
async function madeByOperator(email: string, role = 'customer') {
  const made = await madeForOwner(app, email, role);
  expect((await made.c.get('/api/me')).statusCode).toBe(200);
  return made;
}

async function acceptancesOf(userId: string) {
  return app.db.selectFrom('policy_acceptances').select(['version', 'document_hash', 'accepted_at', 'how']).where('user_id', '=', userId).execute();
}

describe('the first sign-in of an account made for its owner', () => {
  it('says the policy must be accepted, and the API refuses what processes their data with a code naming the version', async () => {
    const { c } = await madeByOperator('made@first.test');
    const { version, hash } = await policyShown(app);
    expect((await c.get('/api/me')).json()).toMatchObject({ email: 'made@first.test', passwordChangeRequired: false, policyAcceptanceRequired: true });
    const refused = [
      await c.get('/api/me/sessions'),
      await c.patch('/api/me', { name: 'Someone Else' }),
      await c.get('/api/me/privacy'),
      await c.get('/api/me/policy-notices'),
      await c.delete('/api/me/restriction'),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'forbidden', reason: 'policy_acceptance_required', version, documentHash: hash, acceptance: 'explicit' });
      expect(res.json<{ detail: string }>().detail).toContain(`Accept the privacy policy (version ${version}) to continue`);
    }
    expect((await c.get('/api/me')).json()).toMatchObject({ name: 'Operator', policyAcceptanceRequired: true });
  });

  it('asks a role about the route before the policy: a customer learns nothing more from a staff route', async () => {
    const { c } = await madeByOperator('nosy@first.test');
    expect((await c.get('/api/admin/users')).json()).toMatchObject({ status: 403, detail: 'Your role does not allow this.' });
  });

  it('still lets them read the policy, get a copy of their data, ask for a correction, restrict processing, close or erase the account, and sign out', async () => {
    const { c } = await madeByOperator('rights@first.test');
    expect((await c.get('/privacy')).statusCode).toBe(200);
    expect((await c.get('/privacy.json')).statusCode).toBe(200);
    expect((await c.get('/api/privacy/versions')).statusCode).toBe(200);
    const exported = await c.post('/api/me/exports');
    expect(exported.statusCode, exported.body).toBe(202);
    const listed = await c.get('/api/me/exports');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ exports: Array<{ id: string }> }>().exports.map((e) => e.id)).toContain(exported.json<{ id: string }>().id);
    const corrected = await c.post('/api/me/corrections', { what: 'My name', correction: 'Rita Rights' });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect((await c.post('/api/me/restriction', { reason: 'until I have read the policy' })).statusCode).toBe(200);
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);

    const { c: leaving } = await madeByOperator('leaving@first.test');
    const erased = await leaving.post('/api/me/erasure', { password: TEST_PASSWORD });
    expect(erased.statusCode, erased.body).toBe(202);
    const { c: closing } = await madeByOperator('closing@first.test');
    const closed = await closing.post('/api/me/close', { confirm: true });
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it('records the acceptance (version, document hash, how) and audits it as the person; then everything answers', async () => {
    const { id, c } = await madeByOperator('accepts@first.test');
    const { version, hash } = await policyShown(app);
    const accepted = await acceptPolicy(app, c);
    expect(accepted).toMatchObject({ version, documentHash: hash, how: 'ticked' });
    expect(await acceptancesOf(id)).toEqual([expect.objectContaining({ version, document_hash: hash, how: 'ticked' })]);
    const entries = (await auditEntries(app, 'privacy.policy_accepted')).filter((e) => e.subject_id === id);
    expect(entries).toEqual([expect.objectContaining({ actor_id: id, details: { version, documentHash: hash, how: 'ticked' } })]);

    expect((await c.get('/api/me')).json()).toMatchObject({ policyAcceptanceRequired: false });
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);
    expect((await c.patch('/api/me', { name: 'Accepting Person' })).statusCode).toBe(200);

    // Sent twice (a double click): the first acceptance answers, nothing more is recorded.
    const again = await c.post('/api/me/policy-acceptance', { version, hash, accepted: true });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ acceptedAt: accepted.acceptedAt });
    expect(await acceptancesOf(id)).toHaveLength(1);
    expect((await auditEntries(app, 'privacy.policy_accepted')).filter((e) => e.subject_id === id)).toHaveLength(1);
  });

  it('refuses a version not in force, a text not published, a box not ticked or nothing at all, and records nothing', async () => {
    const { id, c } = await madeByOperator('stale@first.test');
    const { version, hash } = await policyShown(app);
    const stale = await c.post('/api/me/policy-acceptance', { version: version + 1, hash, accepted: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ reason: 'policy_changed', version, documentHash: hash });
    expect(stale.json<{ detail: string }>().detail).toMatch(/Re-read it and try again; nothing was recorded\.$/);
    const forged = await c.post('/api/me/policy-acceptance', { version, hash: `sha256:${'0'.repeat(64)}`, accepted: true });
    expect(forged.json()).toMatchObject({ status: 409, reason: 'policy_changed' });
    const unticked = await c.post('/api/me/policy-acceptance', { version, hash });
    expect(unticked.json()).toMatchObject({ status: 400, reason: 'policy_not_accepted', errors: [{ path: 'body.accepted' }] });
    const empty = await c.post('/api/me/policy-acceptance', {});
    expect(empty.statusCode).toBe(400);
    expect(await acceptancesOf(id)).toEqual([]);
    expect((await c.get('/api/me/sessions')).json()).toMatchObject({ reason: 'policy_acceptance_required' });
  });

  it('asks nothing of an account that accepted at sign-up, nor of the test helper’s people (who accept as a separate step)', async () => {
    const person = await signedIn(app);
    expect((await person.c.get('/api/me')).json()).toMatchObject({ policyAcceptanceRequired: false });
    expect(await acceptancesOf(person.id)).toHaveLength(1);
  });

  it('where using the service is acceptance (seed 000), records a by-use acceptance at the first use after signing in', async () => {
    await publishAcceptedByUse(app);
    const { version, hash } = await policyShown(app);
    const { id, c } = await madeByOperator('by-use@first.test'); // signs in, then reads /api/me: the first use
    expect(await acceptancesOf(id)).toEqual([expect.objectContaining({ version, document_hash: hash, how: 'by_use' })]);
    const [entry, ...more] = (await auditEntries(app, 'privacy.policy_accepted')).filter((e) => e.subject_id === id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ details: { version, documentHash: hash, how: 'by_use' } });
    expect((await c.get('/api/me')).json()).toMatchObject({ policyAcceptanceRequired: false });
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);

    // The next sign-in and use record nothing more.
    const later = createClient(app);
    await later.post('/api/auth/sign-in', { email: 'by-use@first.test', password: TEST_PASSWORD });
    expect((await later.get('/api/me/sessions')).statusCode).toBe(200);
    expect(await acceptancesOf(id)).toHaveLength(1);
  });
});
