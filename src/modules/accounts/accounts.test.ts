import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_SIGNIN_MAX_FAILURES: '3' });
});
afterAll(async () => app?.dispose());

const password = 'correct horse battery staple';

async function signUpAndVerify(email: string) {
  const c = createClient(app);
  const res = await c.post('/api/auth/sign-up', { name: 'Ada Example', email, password, company: 'Acme', ageConfirmed: true, policy: await policyShown(app) });
  expect(res.statusCode, res.body).toBe(201);
  const { token } = await latestMailTo(app, email);
  expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(200);
  return c;
}

describe('accounts', () => {
  it('signs up, verifies through the outbox, signs in and reads /api/me', async () => {
    const c = await signUpAndVerify('ada@example.com');
    const signIn = await c.post('/api/auth/sign-in', { email: 'ADA@example.com', password });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'ada@example.com', company: 'Acme', role: 'customer', emailVerified: true });
  });

  it('refuses sign-up without the age confirmation and with a short password, listing both problems', async () => {
    const c = createClient(app);
    const res = await c.post('/api/auth/sign-up', { name: 'Kid', email: 'kid@example.com', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ errors: Array<{ path: string }> }>();
    expect(body.errors.map((e) => e.path).sort()).toEqual(['body.ageConfirmed', 'body.password']);
  });

  it('does not sign in before the address is verified, and re-sends the link', async () => {
    const c = createClient(app);
    await c.post('/api/auth/sign-up', { name: 'Bo', email: 'bo@example.com', password, ageConfirmed: true, policy: await policyShown(app) });
    const before = await app.services.mail.list({ limit: 10, to: 'bo@example.com' });
    const res = await c.post('/api/auth/sign-in', { email: 'bo@example.com', password });
    expect(res.statusCode).toBe(403);
    const after = await app.services.mail.list({ limit: 10, to: 'bo@example.com' });
    expect(after.length).toBe(before.length + 1);
  });

  it('answers wrong passwords for existing and unknown addresses identically, then locks both out', async () => {
    await signUpAndVerify('lock@example.com');
    const strip = (body: string) => {
      const { requestId: _r, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    const c = createClient(app);
    for (let i = 0; i < 3; i++) {
      const known = await c.post('/api/auth/sign-in', { email: 'lock@example.com', password: 'wrong password!!' });
      const unknown = await c.post('/api/auth/sign-in', { email: 'nobody@example.com', password: 'wrong password!!' });
      expect(known.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(strip(known.body)).toEqual(strip(unknown.body));
    }
    const known = await c.post('/api/auth/sign-in', { email: 'lock@example.com', password });
    const unknown = await c.post('/api/auth/sign-in', { email: 'nobody@example.com', password });
    expect(known.statusCode).toBe(429);
    expect(strip(known.body)).toEqual(strip(unknown.body));
    app.clock.advance(16 * 60_000);
    expect((await c.post('/api/auth/sign-in', { email: 'lock@example.com', password })).statusCode).toBe(200);
  });

  it('changes the password, alerts by e-mail, and signs out the other sessions in the same change', async () => {
    const first = await signUpAndVerify('multi@example.com');
    await first.post('/api/auth/sign-in', { email: 'multi@example.com', password });
    const second = createClient(app, 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0');
    expect((await second.post('/api/auth/sign-in', { email: 'multi@example.com', password })).statusCode).toBe(200);
    expect((await latestMailTo(app, 'multi@example.com')).message.kind).toBe('accounts.alert_new_device');

    const sessions = (await first.get('/api/me/sessions')).json<{ sessions: Array<{ current: boolean }> }>().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const changed = await first.post('/api/me/password', { currentPassword: password, newPassword: 'a new long passphrase' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await latestMailTo(app, 'multi@example.com')).message.kind).toBe('accounts.alert_password_changed');
    expect((await second.get('/api/me')).statusCode).toBe(401);
    expect((await first.get('/api/me')).statusCode).toBe(200);
    expect((await first.post('/api/me/sessions/revoke-others')).json()).toEqual({ revoked: 0 });
  });

  it('rejects a mutating request without the CSRF header', async () => {
    const c = await signUpAndVerify('csrf@example.com');
    await c.post('/api/auth/sign-in', { email: 'csrf@example.com', password });
    c.sendCsrfToken = false; // a forger: the browser sends the cookie, the page cannot send the token
    const res = await c.patch('/api/me', { name: 'Changed' });
    expect(res.statusCode).toBe(403);
  });

  it('resets a forgotten password with a one-time link; a replayed link fails', async () => {
    await signUpAndVerify('forgot@example.com');
    const c = createClient(app);
    const known = await c.post('/api/auth/password-reset/request', { email: 'forgot@example.com' });
    const unknown = await c.post('/api/auth/password-reset/request', { email: 'unknown@example.com' });
    // The same answer either way, saying how long the link works — as the e-mail does.
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(unknown.json()).toEqual(known.json());
    const { linkValidFor } = known.json<{ linkValidFor: string }>();
    const { token, message } = await latestMailTo(app, 'forgot@example.com');
    expect(message.body_text).toContain(`The link works for ${linkValidFor}.`);
    expect((await c.post('/api/auth/password-reset/confirm', { token, password: 'brand new passphrase' })).statusCode).toBe(200);
    expect((await c.post('/api/auth/password-reset/confirm', { token, password: 'another passphrase!' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/sign-in', { email: 'forgot@example.com', password: 'brand new passphrase' })).statusCode).toBe(200);
  });

  it('changes the e-mail only after the new address confirms, and tells the old one', async () => {
    const c = await signUpAndVerify('old@example.com');
    await c.post('/api/auth/sign-in', { email: 'old@example.com', password });
    expect((await c.post('/api/me/email', { currentPassword: password, newEmail: 'new@example.com' })).statusCode).toBe(202);
    expect((await c.get('/api/me')).json()).toMatchObject({ email: 'old@example.com' });
    const { token } = await latestMailTo(app, 'new@example.com');
    expect((await c.post('/api/auth/email-change/confirm', { token })).statusCode).toBe(200);
    expect((await c.get('/api/me')).json()).toMatchObject({ email: 'new@example.com' });
    expect((await latestMailTo(app, 'old@example.com')).message.kind).toBe('accounts.alert_email_changed');
  });

  it('keeps the admin user list to admins', async () => {
    const c = await signUpAndVerify('plain@example.com');
    await c.post('/api/auth/sign-in', { email: 'plain@example.com', password });
    expect((await c.get('/api/admin/users')).statusCode).toBe(403);
    expect((await createClient(app).get('/api/admin/users')).statusCode).toBe(401);
  });

  it('tells the web app to sign in with passwords and asks every profile field, the policy declaring them all', async () => {
    expect((await createClient(app).get('/api/auth/options')).json()).toEqual({ signIn: 'password', profileFields: ['name', 'phone', 'company', 'jobTitle'] });
    const noPassword = await createClient(app).post('/api/auth/sign-up', { name: 'Nopa', email: 'nopa@example.com', ageConfirmed: true });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json()).toMatchObject({ errors: [{ path: 'body.password', message: 'is required' }] });
    const link = await createClient(app).post('/api/auth/sign-in-link/request', { email: 'nopa@example.com' });
    expect(link.statusCode).toBe(422);
    expect(link.json()).toMatchObject({ reason: 'password_sign_in' });
  });

  it('keeps the address and browser of a session, the policy declaring technical.ip and technical.device', async () => {
    const c = await signUpAndVerify('where@example.com');
    const signedIn = await c.post('/api/auth/sign-in', { email: 'where@example.com', password });
    const { id } = signedIn.json<{ user: { id: string } }>().user;
    const [session] = await app.db.selectFrom('sessions').selectAll().where('user_id', '=', id).execute();
    expect(session).toMatchObject({ ip: '127.0.0.1', device_label: 'Chrome on Linux' });
  });

  it('answers a sign-up with a taken address exactly like a new one, creates nothing and tells the owner', async () => {
    await signUpAndVerify('taken@example.com');
    const count = async () => (await app.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const again = await createClient(app).post('/api/auth/sign-up', { name: 'Mallory', email: 'Taken@example.com', password: 'another long password', ageConfirmed: true, policy: await policyShown(app) });
    const fresh = await createClient(app).post('/api/auth/sign-up', { name: 'Fresh', email: 'fresh@example.com', password: 'another long password', ageConfirmed: true, policy: await policyShown(app) });
    expect([again.statusCode, fresh.statusCode]).toEqual([201, 201]);
    const shape = (body: string) => Object.fromEntries(Object.entries(JSON.parse(body) as Record<string, unknown>).map(([k, v]) => [k, k === 'id' ? typeof v : v]));
    expect(shape(again.body)).toEqual(shape(fresh.body));
    expect(again.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(await count()).toBe(before + 1);
    const { message } = await latestMailTo(app, 'taken@example.com');
    expect(message.kind).toBe('accounts.sign_up_existing_address');
    expect(message.body_text).toContain('reset your password');
    // The owner's password still works.
    expect((await createClient(app).post('/api/auth/sign-in', { email: 'taken@example.com', password })).statusCode).toBe(200);
  });

  it('PATCH /api/me leaves omitted fields alone and clears those sent as null', async () => {
    const c = await signUpAndVerify('patch@example.com');
    await c.post('/api/auth/sign-in', { email: 'patch@example.com', password });
    expect((await c.patch('/api/me', { phone: '+44 20 7946 0000', jobTitle: 'Buyer' })).json()).toMatchObject({ company: 'Acme', phone: '+44 20 7946 0000', jobTitle: 'Buyer' });
    expect((await c.patch('/api/me', { name: 'Ada Renamed' })).json()).toMatchObject({ name: 'Ada Renamed', company: 'Acme', phone: '+44 20 7946 0000', jobTitle: 'Buyer' });
    expect((await c.patch('/api/me', { phone: null })).json()).toMatchObject({ company: 'Acme', phone: null, jobTitle: 'Buyer' });
    expect((await c.patch('/api/me', { name: null })).statusCode).toBe(400);
    expect((await c.get('/api/me')).json()).toMatchObject({ name: 'Ada Renamed', company: 'Acme', phone: null, jobTitle: 'Buyer' });
  });
});
