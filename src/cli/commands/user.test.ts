import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
}, 60_000);
afterAll(async () => app?.dispose());

const run = (...argv: string[]) => runOnTestApp(app, ...argv);

const mustChange = async (email: string) =>
  (await app.db.selectFrom('users').select('password_must_change').where('email', '=', email).executeTakeFirstOrThrow()).password_must_change;

describe('meshvault user create', () => {
  it('prints a generated password as one-time: it must be replaced at the first sign-in', async () => {
    const { out, err } = await run('user', 'create', '--email', 'Staff@Example.com', '--role', 'staff');
    expect(err).toBe('');
    expect(out).toMatch(/One-time password \(shown once\): [\w-]{16}\n/);
    expect(out).toContain('It must be replaced at the first sign-in.');
    expect(await mustChange('staff@example.com')).toBe(true);
  });

  it('keeps a password the operator gives, unless they mark it one-time for someone else', async () => {
    const own = await run('user', 'create', '--email', 'own@example.com', '--password', 'my own long password');
    expect(own.out).not.toContain('One-time');
    expect(await mustChange('own@example.com')).toBe(false);
    const forSomeone = await run('user', 'create', '--email', 'colleague@example.com', '--password', 'told on the phone', '--one-time');
    expect(forSomeone.out).toContain('It must be replaced at the first sign-in.');
    expect(await mustChange('colleague@example.com')).toBe(true);
  });
});

describe('meshvault user list and set-role', () => {
  it('lists accounts newest first, and audits the reading as the operator console', async () => {
    await run('user', 'create', '--email', 'Lister@Example.com', '--role', 'staff', '--password', 'a long enough password');
    const { out, err } = await run('user', 'list', '--role', 'staff');
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f-]{36} {2}staff {11}active {4}verified {3}lister@example\.com$/);
    expect(lines.map((line) => line.split(/\s+/)[1])).toEqual(lines.map(() => 'staff'));
    const entry = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'accounts.users_listed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: null, actor_role: 'operator-cli', request_id: 'cli', details: { userIds: lines.map((line) => line.slice(0, 36)) } });
  });

  it('changes the role of the account with an address, and says when there is none', async () => {
    expect(await run('user', 'set-role', 'LISTER@example.com', 'privacy_officer')).toMatchObject({ code: 0, out: 'LISTER@example.com is now privacy_officer.\n' });
    const row = await app.db.selectFrom('users').select(['id', 'role']).where('email', '=', 'lister@example.com').executeTakeFirstOrThrow();
    expect(row.role).toBe('privacy_officer');
    const entry = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'accounts.role_changed').where('subject_id', '=', row.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_role: 'operator-cli', request_id: 'cli', details: { from: 'staff', to: 'privacy_officer' } });
    const missing = await run('user', 'set-role', 'nobody@example.com', 'staff');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No account with e-mail nobody@example.com.');
  });
});
