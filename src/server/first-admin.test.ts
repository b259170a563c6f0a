import { describe, expect, it } from 'vitest';
import { acceptPolicy } from '../test-support/builders.js';
import { createClient } from '../test-support/http-client.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { ensureFirstAdmin } from './first-admin.js';

async function withFreshApp(run: (app: TestApp) => Promise<void>) {
  const app = await createTestApp();
  try {
    await run(app);
  } finally {
    await app.dispose();
  }
}

const createdAudit = (app: TestApp) =>
  app.db.selectFrom('audit_log').select(['actor_role', 'details']).where('action', '=', 'accounts.user_created').execute();

describe('ensureFirstAdmin', () => {
  it('makes one administrator when several processes start together on a new database', async () => {
    await withFreshApp(async (app) => {
      const given = { email: 'admin@example.com', password: 'correct horse battery staple' };
      const starts = await Promise.all([ensureFirstAdmin(app.services.accounts, given), ensureFirstAdmin(app.services.accounts, given), ensureFirstAdmin(app.services.accounts, given)]);
      expect(starts.filter((start) => start !== null)).toEqual([{ email: 'admin@example.com', password: null }]);
      expect(await createdAudit(app)).toHaveLength(1);
    });
  });

  it('generates a one-time password the admin must replace before doing anything else', async () => {
    await withFreshApp(async (app) => {
      const first = await ensureFirstAdmin(app.services.accounts, { email: undefined, password: undefined });
      expect(first?.email).toBe('admin@meshvault.localhost');
      expect(first?.password).toMatch(/^[\w-]{16}$/);
      expect(await createdAudit(app)).toEqual([{ actor_role: 'system', details: { role: 'admin', passwordMustChange: true } }]);

      const c = createClient(app);
      const signIn = await c.post('/api/auth/sign-in', { email: first?.email, password: first?.password });
      expect(signIn.statusCode, signIn.body).toBe(200);
      expect(signIn.json()).toMatchObject({ user: { role: 'admin', passwordChangeRequired: true } });
      expect((await c.get('/api/admin/users')).json()).toMatchObject({ reason: 'password_change_required' });

      // A later start finds a user and creates nothing.
      expect(await ensureFirstAdmin(app.services.accounts, { email: undefined, password: undefined })).toBeNull();
      expect(await app.services.accounts.countUsers()).toBe(1);
    });
  }, 60_000);

  it('keeps a password given in MESHVAULT_ADMIN_PASSWORD: the operator chose it', async () => {
    await withFreshApp(async (app) => {
      const password = 'the operator chose this';
      const first = await ensureFirstAdmin(app.services.accounts, { email: 'ops@example.com', password });
      expect(first).toEqual({ email: 'ops@example.com', password: null });
      expect(await createdAudit(app)).toEqual([{ actor_role: 'system', details: { role: 'admin', passwordMustChange: false } }]);

      const c = createClient(app);
      expect((await c.post('/api/auth/sign-in', { email: 'ops@example.com', password })).json()).toMatchObject({ user: { passwordChangeRequired: false } });
      // Made for its owner, the account has the privacy policy to accept first.
      expect((await c.get('/api/admin/users')).json()).toMatchObject({ status: 403, reason: 'policy_acceptance_required' });
      await acceptPolicy(app, c);
      expect((await c.get('/api/admin/users')).statusCode).toBe(200);
    });
  }, 60_000);
});
