import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createBufferIo } from '../cli-context.js';
import { buildProgram } from '../program.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
}, 60_000);
afterAll(async () => app?.dispose());

async function run(...argv: string[]) {
  const io = createBufferIo();
  const program = buildProgram({ io, config: () => app.config, withApp: (fn) => fn(app), insideServer: false });
  program.exitOverride();
  await program.parseAsync(argv, { from: 'user' });
  return { code: io.exitCode, out: io.stdout.join(''), err: io.stderr.join('') };
}

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
