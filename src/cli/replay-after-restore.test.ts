import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../app-paths.js';
import { createApp, type App } from '../app.js';
import type { Database } from '../database.js';
import { createBackup, restoreBackup } from '../platform/backup/index.js';
import { migrateToLatest } from '../platform/db/index.js';
import { createLogger } from '../platform/log/index.js';
import { signedIn } from '../test-support/builders.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { openTestDatabase } from '../test-support/test-database.js';
import { createBufferIo } from './cli-context.js';
import { buildProgram } from './program.js';
import { replayAfterRestore } from './replay-after-restore.js';

const passphrase = 'a long backup passphrase';
const DAY = 24 * 3600 * 1000;
let source: TestApp;
let archive: string;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const notices = async (db: App['db']) => Number((await sql<{ n: number }>`select count(*)::int as n from mail_outbox where kind = 'policy_notice'`.execute(db)).rows[0]?.n);

beforeAll(async () => {
  source = await createTestApp();
  const bob = await signedIn(source, 'customer', 'bob@example.com');
  // Notices (kept three years by the default manifest): ten already past it, two not.
  for (const [age, n] of [[4 * 365, 10], [365, 2]] as const) {
    for (let i = 0; i < n; i++) {
      await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts)
        values (gen_random_uuid(), ${bob.id}, 'bob@example.com', 'Notice', 'Body', 'policy_notice', ${new Date(source.clock.now().getTime() - age * DAY)}, 0)`.execute(source.db);
    }
  }
  archive = join(tempDir('meshvault-replay-'), 'before-retention.mvb');
  await createBackup({ database: source.database, dataDir: source.config.dataDir, include: ['files'], passphrase, outFile: archive, appVersion: 'test', now: source.clock.now });
  await source.services.retention.runRetention();
  expect(await notices(source.db)).toBe(2);
}, 60_000);

afterAll(async () => {
  await source?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a restored backup replays retention', () => {
  it('removes again what ran out of its period since the backup, before anything is served', async () => {
    const database = await openTestDatabase<Database>();
    try {
      await migrateToLatest(database.db, MODULES_DIR);
      await restoreBackup({ database, dataDir: tempDir('meshvault-restored-'), passphrase, inFile: archive, skipTables: ['kysely_migration', 'kysely_migration_lock'] });
      // The backup brought the expired notices back.
      expect(await notices(database.db)).toBe(12);
      const app = await createApp({ config: source.config, log: createLogger('silent'), database, now: source.clock.now });
      try {
        const { retention } = await replayAfterRestore(app);
        expect(await notices(database.db)).toBe(2);
        expect(retention.certificate.disposed.find((d) => d.table === 'mail_outbox')?.rows).toBe(10);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});

describe('meshvault backup prune', () => {
  const run = async (argv: string[]) => {
    const io = createBufferIo();
    const program = buildProgram({ io, config: () => source.config, withApp: (fn) => fn(source), insideServer: false });
    program.exitOverride();
    await program.parseAsync(argv, { from: 'user' });
    return { code: io.exitCode, out: io.stdout.join(''), err: io.stderr.join('') };
  };

  it('deletes the backups older than the period kept, by their own creation time, and nothing else', async () => {
    const dir = tempDir('meshvault-prune-');
    const now = Date.now();
    for (const [name, age] of [['old.mvb', 40], ['recent.mvb', 5]] as const) {
      await createBackup({ database: source.database, dataDir: source.config.dataDir, include: [], passphrase, outFile: join(dir, name), appVersion: 'test', now: () => new Date(now - age * DAY) });
    }
    const pp = join(dir, '..', `${dir.split('/').at(-1)}-pp`);
    writeFileSync(join(dir, 'notes.txt'), 'not a backup');
    writeFileSync(pp, passphrase);
    dirs.push(pp);

    const dry = await run(['backup', 'prune', dir, '--keep', 'P30D', '--dry-run', '--passphrase-file', pp]);
    expect(dry.out).toContain('Would delete');
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'old.mvb', 'recent.mvb']);

    const done = await run(['backup', 'prune', dir, '--keep', 'P30D', '--passphrase-file', pp]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('1 backup kept, 1 deleted.');
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'recent.mvb']);

    // Without --keep the manifest decides; the default one states no backup_retention.
    const unstated = await run(['backup', 'prune', dir, '--passphrase-file', pp]);
    expect(unstated.code).toBe(1);
    expect(unstated.err).toContain('states no backup_retention');
    expect((await run(['backup', 'prune', dir, '--keep', 'thirty days', '--passphrase-file', pp])).err).toContain('is not a duration');
    // Another passphrase cannot read them: reported, left in place.
    writeFileSync(pp, 'another long passphrase');
    const wrong = await run(['backup', 'prune', dir, '--keep', 'P1D', '--passphrase-file', pp]);
    expect(wrong.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'recent.mvb']);
  });
});
