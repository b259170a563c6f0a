import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { acceptPolicy } from '../../test-support/builders.js';
import { createClient, latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
}, 60_000);
afterAll(async () => app?.dispose());

const oneTime = 'printed once on a console';
const chosen = 'a password only I know';
const REFUSAL = {
  status: 403,
  code: 'forbidden',
  reason: 'password_change_required',
  detail: 'Choose a new password first: the one you signed in with was a one-time password.',
};

async function createOneTimeAdmin(email: string) {
  const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email, name: 'Olive Operator', password: oneTime, role: 'admin', passwordMustChange: true }, { requestId: 't' });
  const c = createClient(app);
  const signIn = await c.post('/api/auth/sign-in', { email, password: oneTime });
  expect(signIn.statusCode, signIn.body).toBe(200);
  expect(signIn.json()).toMatchObject({ user: { passwordChangeRequired: true } });
  return { id, c };
}

const audits = (subjectId: string, action: string) =>
  app.db.selectFrom('audit_log').select(['details', 'actor_id']).where('subject_id', '=', subjectId).where('action', '=', action).orderBy('id').execute();

describe('a one-time password', () => {
  it('is recorded when the account is created, and only when asked for', async () => {
    const { id } = await createOneTimeAdmin('created@example.com');
    expect((await audits(id, 'accounts.user_created'))[0]?.details).toEqual({ role: 'admin', passwordMustChange: true });
    const { id: plain } = await app.services.accounts.createUser(CLI_ACTOR, { email: 'plain@example.com', name: 'Pat', password: chosen, role: 'staff' }, { requestId: 't' });
    expect((await audits(plain, 'accounts.user_created'))[0]?.details).toEqual({ role: 'staff', passwordMustChange: false });
    const c = createClient(app);
    await c.post('/api/auth/sign-in', { email: 'plain@example.com', password: chosen });
    expect((await c.get('/api/me')).json()).toMatchObject({ passwordChangeRequired: false, policyAcceptanceRequired: true });
    await acceptPolicy(app, c);
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);
  });

  it('lets the session read /api/me and nothing else of the API, with a problem saying why', async () => {
    const { c } = await createOneTimeAdmin('blocked@example.com');
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'blocked@example.com', role: 'admin', passwordChangeRequired: true });

    const refused = [
      await c.get('/api/me/sessions'),
      await c.patch('/api/me', { name: 'Someone Else' }),
      await c.post('/api/me/email', { currentPassword: oneTime, newEmail: 'other@example.com' }),
      await c.get('/api/admin/users'),
      await c.put(`/api/admin/users/${(await c.get('/api/me')).json<{ id: string }>().id}/role`, { role: 'customer' }),
      await c.get('/api/projects'),
      await c.get('/api/me/privacy'),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject(REFUSAL);
    }
    // Nothing changed behind the refusals.
    expect((await c.get('/api/me')).json()).toMatchObject({ name: 'Olive Operator', role: 'admin', email: 'blocked@example.com' });
  });

  it('leaves public endpoints alone, and the session can sign out', async () => {
    const { c } = await createOneTimeAdmin('public@example.com');
    expect((await c.get('/healthz')).statusCode).toBe(200);
    expect((await c.get('/privacy.json')).statusCode).toBe(200);
    expect((await c.post('/api/auth/password-reset/request', { email: 'nobody@example.com' })).statusCode).toBe(202);
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('is cleared by choosing a new password, which is audited and signs out the other one-time sessions', async () => {
    const { id, c } = await createOneTimeAdmin('change@example.com');
    const other = createClient(app, 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0');
    expect((await other.post('/api/auth/sign-in', { email: 'change@example.com', password: oneTime })).statusCode).toBe(200);

    const wrong = await c.post('/api/me/password', { currentPassword: 'not the one-time one', newPassword: chosen });
    expect(wrong.statusCode).toBe(403);
    const same = await c.post('/api/me/password', { currentPassword: oneTime, newPassword: oneTime });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ errors: [{ path: 'body.newPassword' }] });
    expect((await c.get('/api/me/sessions')).statusCode).toBe(403);

    const changed = await c.post('/api/me/password', { currentPassword: oneTime, newPassword: chosen });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await c.get('/api/me')).json()).toMatchObject({ passwordChangeRequired: false, policyAcceptanceRequired: true });
    // Made for its owner, the account still has the privacy policy to accept before anything else.
    expect((await c.get('/api/me/sessions')).json()).toMatchObject({ status: 403, reason: 'policy_acceptance_required' });
    await acceptPolicy(app, c);
    expect((await c.get('/api/me/sessions')).statusCode).toBe(200);
    expect((await c.get('/api/admin/users')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect(await audits(id, 'accounts.password_changed')).toEqual([{ actor_id: id, details: { replacedOneTimePassword: true, sessionsRevoked: 1 } }]);
    expect((await latestMailTo(app, 'change@example.com')).message.kind).toBe('accounts.alert_password_changed');

    // An ordinary change afterwards also signs out the other sessions, and records no one-time password.
    const again = createClient(app);
    await again.post('/api/auth/sign-in', { email: 'change@example.com', password: chosen });
    expect((await c.post('/api/me/password', { currentPassword: chosen, newPassword: 'and yet another one' })).statusCode).toBe(200);
    expect((await again.get('/api/me')).statusCode).toBe(401);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect((await audits(id, 'accounts.password_changed')).map((a) => a.details)).toEqual([{ replacedOneTimePassword: true, sessionsRevoked: 1 }, { sessionsRevoked: 1 }]);
  });

  it('is cleared by a password reset by e-mail, which is audited', async () => {
    const { id, c } = await createOneTimeAdmin('reset@example.com');
    const anonymous = createClient(app);
    expect((await anonymous.post('/api/auth/password-reset/request', { email: 'reset@example.com' })).statusCode).toBe(202);
    const { token } = await latestMailTo(app, 'reset@example.com');
    expect((await anonymous.post('/api/auth/password-reset/confirm', { token, password: chosen })).statusCode).toBe(200);
    // The reset signs out every session, including the one opened with the one-time password.
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect((await audits(id, 'accounts.password_reset'))[0]?.details).toEqual({ sessionsRevoked: 1, replacedOneTimePassword: true });

    expect((await anonymous.post('/api/auth/sign-in', { email: 'reset@example.com', password: chosen })).json()).toMatchObject({ user: { passwordChangeRequired: false } });
    await acceptPolicy(app, anonymous);
    expect((await anonymous.get('/api/admin/users')).statusCode).toBe(200);
  });
});
