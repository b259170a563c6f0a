import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { auditEntries } from '../../test-support/builders.js';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * An installation whose policy declares no passwords (credentials.password), phones, companies or IP
 * addresses, as seeds 001 and 004 do: people sign in by e-mailed link, and nothing undeclared is asked or stored.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_SIGNIN_MAX_FAILURES: '3' });
  await app.startJobs();
  await putPolicyInForce(app, defaultWithout('credentials.password', 'contact.phone', 'account.company', 'technical.ip'));
});
afterAll(async () => app?.dispose());

const strip = (body: string) => {
  const { requestId: _r, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};
const userRow = (email: string) => app.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
const mailCount = async (to: string) => (await app.services.mail.list({ limit: 100, to })).length;

/** Signs up (no password), then signs in by the mailed link; the client carries the session. */
async function signUpAndInByLink(email: string, extra: Record<string, unknown> = {}) {
  const c = createClient(app);
  const res = await c.post('/api/auth/sign-up', { name: 'Lin Link', email, ageConfirmed: true, policy: await policyShown(app), ...extra });
  expect(res.statusCode, res.body).toBe(201);
  expect((await c.post('/api/auth/sign-in-link/request', { email })).statusCode).toBe(202);
  const { token, message } = await latestMailTo(app, email);
  expect(message.kind).toBe('accounts.sign_in_link');
  const signedIn = await c.post('/api/auth/sign-in-link/confirm', { token });
  expect(signedIn.statusCode, signedIn.body).toBe(200);
  return { c, token: token!, user: signedIn.json<{ user: { id: string } }>().user };
}

describe('accounts under a policy without passwords, phones, companies or IP addresses', () => {
  it('tells the web app to sign in by e-mailed link and which profile fields exist', async () => {
    const res = await createClient(app).get('/api/auth/options');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signIn: 'email_link', profileFields: ['name', 'jobTitle'] });
  });

  it('signs up without a password, and signs in by a single-use link that also confirms the address', async () => {
    const { c, token, user } = await signUpAndInByLink('lin@example.com', { jobTitle: 'Buyer' });
    expect((await c.get('/api/me')).json()).toMatchObject({ email: 'lin@example.com', emailVerified: true, jobTitle: 'Buyer', phone: null, company: null });
    expect(await userRow('lin@example.com')).toMatchObject({ password_hash: null, password_changed_at: null });
    // The link works once.
    const replay = await createClient(app).post('/api/auth/sign-in-link/confirm', { token });
    expect(replay.statusCode).toBe(400);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    const [entry] = await auditEntries(app, 'accounts.signed_in');
    expect(entry).toMatchObject({ subject_id: user.id, actor_id: user.id, details: { method: 'email_link', newDevice: true } });
    const [signedUp] = await auditEntries(app, 'accounts.signed_up');
    expect(signedUp).toMatchObject({ subject_id: user.id, actor_id: user.id, details: { fields: ['name', 'email', 'jobTitle', 'ageConfirmed'] } });
  });

  it('keeps no IP address with the session (technical.ip is not declared), but its browser (technical.device is)', async () => {
    const { user } = await signUpAndInByLink('ip@example.com');
    const sessions = await app.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ ip: null, device_label: 'Chrome on Linux' });
    expect(sessions[0]!.user_agent).toContain('Chrome');
  });

  it('a link expires after its lifetime', async () => {
    const c = createClient(app);
    await c.post('/api/auth/sign-up', { name: 'Late', email: 'late@example.com', ageConfirmed: true, policy: await policyShown(app) });
    const asked = await c.post('/api/auth/sign-in-link/request', { email: 'late@example.com' });
    expect(asked.json()).toEqual({ ok: true, linkValidFor: '15 minutes' });
    const { token } = await latestMailTo(app, 'late@example.com');
    app.clock.advance(16 * 60_000);
    expect((await c.post('/api/auth/sign-in-link/confirm', { token })).statusCode).toBe(400);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('answers a link request alike for known and unknown addresses, mails only the known one, and throttles both alike', async () => {
    const c = createClient(app);
    await c.post('/api/auth/sign-up', { name: 'Tess', email: 'tess@example.com', ageConfirmed: true, policy: await policyShown(app) });
    const before = await mailCount('tess@example.com');
    for (let i = 0; i < 3; i++) {
      const known = await c.post('/api/auth/sign-in-link/request', { email: 'tess@example.com' });
      const unknown = await c.post('/api/auth/sign-in-link/request', { email: 'nobody@example.com' });
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(strip(known.body)).toEqual(strip(unknown.body));
    }
    expect(await mailCount('tess@example.com')).toBe(before + 3);
    expect(await mailCount('nobody@example.com')).toBe(0);
    const known = await c.post('/api/auth/sign-in-link/request', { email: 'tess@example.com' });
    const unknown = await c.post('/api/auth/sign-in-link/request', { email: 'nobody@example.com' });
    expect([known.statusCode, unknown.statusCode]).toEqual([429, 429]);
    expect(strip(known.body)).toEqual(strip(unknown.body));
    expect(await mailCount('tess@example.com')).toBe(before + 3);
    // Following a link that was sent clears the count.
    const { token } = await latestMailTo(app, 'tess@example.com');
    expect((await c.post('/api/auth/sign-in-link/confirm', { token })).statusCode).toBe(200);
    expect((await c.post('/api/auth/sign-in-link/request', { email: 'tess@example.com' })).statusCode).toBe(202);
  });

  it('refuses a password at sign-up and every password route, naming the reason, and stores no password', async () => {
    const { c } = await signUpAndInByLink('nopass@example.com');
    const anonymous = createClient(app);
    const refused = [
      await anonymous.post('/api/auth/sign-up', { name: 'Pat', email: 'pat@example.com', password: 'correct horse battery staple', ageConfirmed: true, policy: await policyShown(app) }),
      await anonymous.post('/api/auth/sign-in', { email: 'nopass@example.com', password: 'correct horse battery staple' }),
      await anonymous.post('/api/auth/password-reset/request', { email: 'nopass@example.com' }),
      await anonymous.post('/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'correct horse battery staple' }),
      await c.post('/api/me/password', { currentPassword: 'whatever it was', newPassword: 'correct horse battery staple' }),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        detail: "This installation's privacy policy does not declare passwords (credentials.password); sign in with an e-mail link.",
        reason: 'passwords_not_declared',
      });
    }
    expect(await userRow('pat@example.com')).toBeUndefined();
    expect((await userRow('nopass@example.com'))?.password_hash).toBeNull();
    // The address changes without a password: the session and the link to the new address suffice.
    expect((await c.post('/api/me/email', { newEmail: 'nopass2@example.com' })).statusCode).toBe(202);
  });

  it('refuses undeclared profile fields at sign-up and in PATCH /api/me, naming field and category, and changes nothing', async () => {
    const c = createClient(app);
    const signUp = await c.post('/api/auth/sign-up', { name: 'Phil', email: 'phil@example.com', phone: '+44 20 7946 0000', company: 'Acme', ageConfirmed: true, policy: await policyShown(app) });
    expect(signUp.statusCode).toBe(422);
    expect(signUp.headers['content-type']).toContain('application/problem+json');
    const body = signUp.json<{ detail: string; fields: unknown; errors: Array<{ path: string; message: string }> }>();
    expect(body.fields).toEqual([
      { field: 'phone', category: 'contact.phone' },
      { field: 'company', category: 'account.company' },
    ]);
    expect(body.errors.map((e) => e.path)).toEqual(['body.phone', 'body.company']);
    expect(body.detail).toContain('contact.phone');
    expect(await userRow('phil@example.com')).toBeUndefined();
    expect(await mailCount('phil@example.com')).toBe(0);

    const { c: me, user } = await signUpAndInByLink('patch@example.com');
    const patched = await me.patch('/api/me', { jobTitle: 'Engineer', company: 'Acme' });
    expect(patched.statusCode).toBe(422);
    expect(patched.json()).toMatchObject({ fields: [{ field: 'company', category: 'account.company' }] });
    expect((await me.get('/api/me')).json()).toMatchObject({ jobTitle: null, company: null });
    expect((await me.patch('/api/me', { jobTitle: 'Engineer' })).json()).toMatchObject({ jobTitle: 'Engineer' });
    const updates = (await auditEntries(app, 'accounts.profile_updated')).filter((e) => e.subject_id === user.id);
    expect(updates.map((e) => e.details)).toEqual([{ fields: ['job_title'] }]);
  });

  it('answers a sign-up with a taken address like a new one, and tells the owner instead', async () => {
    const { user } = await signUpAndInByLink('owner@example.com');
    const users = await app.db.selectFrom('users').select('id').execute();
    const again = await createClient(app).post('/api/auth/sign-up', { name: 'Someone', email: 'Owner@example.com', ageConfirmed: true, policy: await policyShown(app) });
    const fresh = await createClient(app).post('/api/auth/sign-up', { name: 'Someone', email: 'fresh-owner@example.com', ageConfirmed: true, policy: await policyShown(app) });
    expect([again.statusCode, fresh.statusCode]).toEqual([201, 201]);
    expect(Object.keys(again.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    expect(again.json<{ id: string }>().id).not.toBe(user.id);
    expect((await app.db.selectFrom('users').select('id').execute()).length).toBe(users.length + 1);
    const { message } = await latestMailTo(app, 'owner@example.com');
    expect(message.kind).toBe('accounts.sign_up_existing_address');
    expect(message.body_text).toContain('ask for a sign-in link');
  });

  it('creates operator-made accounts without a password', async () => {
    const { id, hasPassword } = await app.services.accounts.createUser(CLI_ACTOR, { email: 'staffer@example.com', name: 'Sam', password: 'correct horse battery staple', role: 'staff' }, { requestId: 't' });
    expect(hasPassword).toBe(false);
    expect(await userRow('staffer@example.com')).toMatchObject({ id, password_hash: null, password_must_change: false });
  });

  it('erases an account without a password after a fresh link sign-in, and not on an older session', async () => {
    const { c, user } = await signUpAndInByLink('erin@example.com');
    app.clock.advance(16 * 60_000);
    const stale = await c.post('/api/me/erasure', {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json<{ reason: string }>().reason).toBe('sign_in_again');
    expect(await userRow('erin@example.com')).toBeDefined();
    const fresh = createClient(app);
    await fresh.post('/api/auth/sign-in-link/request', { email: 'erin@example.com' });
    expect((await fresh.post('/api/auth/sign-in-link/confirm', { token: (await latestMailTo(app, 'erin@example.com')).token })).statusCode).toBe(200);
    const erased = await fresh.post('/api/me/erasure', {});
    expect(erased.statusCode, erased.body).toBe(202);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect(user.id).toBeTruthy();
  });

  it('keeps no browser with the session either once technical.device is not declared', async () => {
    await putPolicyInForce(app, defaultWithout('credentials.password', 'contact.phone', 'account.company', 'technical.ip', 'technical.device'));
    const { user } = await signUpAndInByLink('nodevice@example.com');
    const [session] = await app.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(session).toMatchObject({ ip: null, user_agent: null, device_label: null });
    expect(await app.db.selectFrom('user_devices').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    const [entry] = (await auditEntries(app, 'accounts.signed_in')).filter((e) => e.subject_id === user.id);
    expect(entry?.details).toEqual({ method: 'email_link' });
  });
});
