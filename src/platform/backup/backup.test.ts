import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../../app-paths.js';
import { createApp } from '../../app.js';
import type { Database } from '../../database.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { createLogger } from '../log/index.js';
import { verifyAuditChain } from '../../modules/audit/index.js';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { migrateToLatest } from '../db/index.js';
import { createChunkDecryptor, createChunkEncryptor, VAULT_FORMAT_V1, VAULT_FORMAT_V2 } from '../crypto/index.js';
import { BACKUP_MAGIC, deriveBackupKey, SALT_SIZE } from './backup-format.js';
import { createBackup, restoreBackup } from './index.js';

const passphrase = 'a long backup passphrase';
let source: TestApp;
let archive: string;

beforeAll(async () => {
  source = await createTestApp();
  for (const email of ['one@example.com', 'two@example.com']) {
    const c = createClient(source);
    await c.post('/api/auth/sign-up', { name: 'Backup Person', email, password: 'correct horse battery', ageConfirmed: true, policy: await policyShown(source) });
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

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/** Every path under `dir`, to compare a target before and after a refused restore. */
const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

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
      const c = createClient(app);
      expect((await c.post('/api/auth/sign-in', { email: 'one@example.com', password: 'correct horse battery' })).statusCode).toBe(200);
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
      await app.close();
    } finally {
      await target.dispose();
    }
  });

  it('restores an archive written before vault format v2 (64 KiB records)', async () => {
    const bytes = readFileSync(archive);
    const prefixSize = BACKUP_MAGIC.length + SALT_SIZE;
    expect(bytes.subarray(prefixSize, prefixSize + 12).equals(VAULT_FORMAT_V2.header)).toBe(true);
    // The same records, encrypted as a v1 backup would have been.
    const key = await deriveBackupKey(passphrase, bytes.subarray(BACKUP_MAGIC.length, prefixSize));
    const records = await collect(Readable.from([bytes.subarray(prefixSize)]).pipe(createChunkDecryptor({ dataKey: key })));
    const v1Body = await collect(Readable.from([records]).pipe(createChunkEncryptor({ dataKey: key, endsFile: true, format: VAULT_FORMAT_V1 })));
    expect(v1Body.subarray(0, 12).equals(VAULT_FORMAT_V1.header)).toBe(true);
    const target = await freshTarget();
    try {
      const oldArchive = join(target.config.dataDir, 'old.mvb');
      writeFileSync(oldArchive, Buffer.concat([bytes.subarray(0, prefixSize), v1Body]));
      const summary = await restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: oldArchive, skipTables });
      expect(summary.files).toBe(1);
      const emails = (await target.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email);
      expect(emails).toEqual(['one@example.com', 'two@example.com']);
      expect(readFileSync(join(target.config.dataDir, 'files', 'ab', 'object'), 'utf8')).toBe('encrypted bytes stand-in');
    } finally {
      await target.dispose();
    }
  });

  it('refuses a wrong passphrase and a damaged archive, leaving the target empty', async () => {
    const target = await freshTarget();
    try {
      const before = listing(target.config.dataDir);
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase: 'not the passphrase', inFile: archive, skipTables })).rejects.toThrow(/passphrase is wrong/);
      const damaged = join(target.config.dataDir, 'damaged.mvb');
      const bytes = readFileSync(archive);
      bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
      writeFileSync(damaged, bytes);
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: damaged, skipTables })).rejects.toThrow(/the file is damaged/);
      expect(await target.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(listing(target.config.dataDir)).toEqual([...before, 'damaged.mvb'].sort());
    } finally {
      await target.dispose();
    }
  });

  it('leaves the target as it was when the archive turns out damaged after some files were written', async () => {
    // A file over several encryption chunks, so the damage at the end is found after file records began.
    mkdirSync(join(source.config.dataDir, 'bulk'), { recursive: true });
    writeFileSync(join(source.config.dataDir, 'bulk', 'blob'), randomBytes(300_000));
    const withFiles = join(source.config.dataDir, 'with-files.mvb');
    await createBackup({ database: source.database, dataDir: source.config.dataDir, include: ['files', 'bulk'], passphrase, outFile: withFiles, appVersion: 'test', now: source.clock.now });
    const bytes = readFileSync(withFiles);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(withFiles, bytes);

    const target = await freshTarget();
    try {
      mkdirSync(join(target.config.dataDir, 'files'));
      const before = listing(target.config.dataDir);
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: withFiles, skipTables })).rejects.toThrow(/passphrase is wrong, or the file is damaged/);
      expect(listing(target.config.dataDir)).toEqual(before);
      expect(await target.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await target.dispose();
    }
  });

  it('refuses to replace a file the target already has (its master key), leaving it as it was', async () => {
    const archiveWithKey = join(source.config.dataDir, 'with-key.mvb');
    writeFileSync(join(source.config.dataDir, 'master.key'), 'source key');
    await createBackup({ database: source.database, dataDir: source.config.dataDir, include: ['files', 'master.key'], passphrase, outFile: archiveWithKey, appVersion: 'test', now: source.clock.now });
    const target = await freshTarget();
    try {
      writeFileSync(join(target.config.dataDir, 'master.key'), 'target key');
      const before = listing(target.config.dataDir);
      await expect(restoreBackup({ database: target.database, dataDir: target.config.dataDir, passphrase, inFile: archiveWithKey, skipTables })).rejects.toThrow(/master\.key already exists/);
      expect(readFileSync(join(target.config.dataDir, 'master.key'), 'utf8')).toBe('target key');
      expect(listing(target.config.dataDir)).toEqual(before);
      expect(await target.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await target.dispose();
    }
  });

  it('leaves no .partial file when the database goes away during a backup', async () => {
    const gone = await openTestDatabase<Database>();
    await migrateToLatest(gone.db, MODULES_DIR);
    await gone.close();
    const outFile = join(source.config.dataDir, 'interrupted.mvb');
    await expect(createBackup({ database: gone, dataDir: source.config.dataDir, include: ['files'], passphrase, outFile, appVersion: 'test', now: source.clock.now })).rejects.toThrow();
    expect(existsSync(`${outFile}.partial`)).toBe(false);
    expect(existsSync(outFile)).toBe(false);
  });

  it('fails, rather than waits forever, when the archive cannot be written', async () => {
    const outFile = join(source.config.dataDir, 'blocked.mvb');
    // A folder where the partial file should go: opening it for writing fails.
    mkdirSync(`${outFile}.partial`);
    await expect(createBackup({ database: source.database, dataDir: source.config.dataDir, include: ['files'], passphrase, outFile, appVersion: 'test', now: source.clock.now })).rejects.toThrow(/EISDIR/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses to restore over an installation that has data', async () => {
    await expect(restoreBackup({ database: source.database, dataDir: source.config.dataDir, passphrase, inFile: archive, skipTables })).rejects.toThrow(/empty installation/);
  });
});
