import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../../app-paths.js';
import { createApp } from '../../app.js';
import type { Database } from '../../database.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { createLogger } from '../log/index.js';
import { verifyAuditChain } from '../../modules/audit/index.js';
import { createClient, latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { migrateToLatest } from '../db/index.js';
import { createBackup, restoreBackup } from './index.js';

const passphrase = 'a long backup passphrase';
let source: TestApp;
let archive: string;

beforeAll(async () => {
  source = await createTestApp();
  for (const email of ['one@example.com', 'two@example.com']) {
    const c = createClient(source);
    await c.post('/api/auth/sign-up', { name: 'Backup Person', email, password: 'correct horse battery', ageConfirmed: true });
    const { token } = await latestMailTo(source, email);
    await c.post('/api/auth/verify-email', { token });
  }
  mkdirSync(join(source.config.dataDir, 'files', 'ab'), { recursive: true });
  writeFileSync(join(source.config.dataDir, 'files', 'ab', 'object'), Buffer.from('encrypted bytes stand-in'));
  archive = join(source.config.dataDir, 'backup.mvb');
  const summary = await createBackup({ database: source.database, dataDir: source.config.dataDir, include: ['files'], passphrase, outFile: archive, appVersion: 'test', now: source.clock.now });
  expect(summary.files).toBe(1);
  expect(summary.rows).toBeGreaterThan(5);
});
afterAll(async () => source?.dispose());

/** A migrated database that was never started (starting publishes a first manifest). */
async function freshTarget() {
  const database = await openTestDatabase<Database>();
  await migrateToLatest(database.db, MODULES_DIR);
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-restore-'));
  return {
    database,
    db: database.db,
    config: { dataDir },
    dispose: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
const skipTables = ['kysely_migration', 'kysely_migration_lock'];

describe('backup', () => {
  it('keeps no plaintext of the data in the archive', () => {
    const bytes = readFileSync(archive);
    expect(bytes.includes(Buffer.from('one@example.com'))).toBe(false);
    expect(bytes.includes(Buffer.from('stand-in'))).toBe(false);
  });

  it('restores every account, the files, and an audit chain that still verifies', async () => {
    const target = await freshTarget();
    try {
      const summary = await restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: archive, skipTables });
      expect(summary.files).toBe(1);
      const emails = (await target.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email);
      expect(emails).toEqual(['one@example.com', 'two@example.com']);
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
      expect(readFileSync(join(target.config.dataDir, 'files', 'ab', 'object'), 'utf8')).toBe('encrypted bytes stand-in');
      // The restored installation starts and keeps working: a restored user signs in, new audit rows chain on.
      const app = await createApp({ config: source.config, log: createLogger('silent'), database: target.database, now: source.clock.now });
      const c = createClient({ ...app, clock: source.clock, config: source.config, dispose: async () => {} });
      expect((await c.post('/api/auth/sign-in', { email: 'one@example.com', password: 'correct horse battery' })).statusCode).toBe(200);
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
      await app.close();
    } finally {
      await target.dispose();
    }
  });

  it('refuses a wrong passphrase and a damaged archive, leaving the target empty', async () => {
    const target = await freshTarget();
    try {
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase: 'not the passphrase', inFile: archive, skipTables })).rejects.toThrow();
      const damaged = join(target.config.dataDir, 'damaged.mvb');
      const bytes = readFileSync(archive);
      bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
      writeFileSync(damaged, bytes);
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: damaged, skipTables })).rejects.toThrow();
      expect(await target.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await target.dispose();
    }
  });

  it('refuses to restore over an installation that has data', async () => {
    await expect(restoreBackup({ database: source.database, dataDir: source.config.dataDir, passphrase, inFile: archive, skipTables })).rejects.toThrow(/empty installation/);
  });
});
