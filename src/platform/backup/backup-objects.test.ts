/**
 * Backups of an installation whose files live in an S3 bucket: the archive holds every object, read
 * through the driver as stored (ciphertext), and a restore puts them into the target's bucket.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../../app-paths.js';
import type { Database } from '../../database.js';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../test-support/s3-server.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { migrateToLatest, type DatabaseHandle } from '../db/index.js';
import { createS3StorageDriver, type S3StorageDriver } from '../storage/s3-storage-driver.js';
import { createBackup, restoreBackup } from './index.js';

const passphrase = 'a long backup passphrase';
const skipTables = ['kysely_migration', 'kysely_migration_lock'];
let server: TestS3Server;
let workDir: string;
const opened: Array<{ close(): unknown }> = [];

function bucketAt(prefix: string): S3StorageDriver {
  const driver = createS3StorageDriver({ bucket: server.bucket, prefix, region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  opened.push(driver);
  return driver;
}

async function migratedDatabase(): Promise<DatabaseHandle<Database>> {
  const database = await openTestDatabase<Database>();
  await migrateToLatest(database.db, MODULES_DIR);
  opened.push(database);
  return database;
}

async function readAll(driver: S3StorageDriver, key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of await driver.read(key)) parts.push(piece as Buffer);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  server = await startTestS3Server();
  workDir = mkdtempSync(join(tmpdir(), 'meshvault-backup-objects-'));
});
afterAll(async () => {
  for (const handle of opened.reverse()) await handle.close();
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('backup with the files in an S3 bucket', () => {
  it('archives every object of the bucket and restores them, byte for byte, into an empty one; a bucket that has them is refused', async () => {
    const source = bucketAt('source/');
    // 700 KB spans several pieces of the archive; the keys look like the vault's.
    const objects = new Map([
      ['files/ab/cd/one', randomBytes(700_000)],
      ['files/ef/01/two', randomBytes(10)],
      ['exports/three', randomBytes(1)],
    ]);
    for (const [key, bytes] of objects) await source.put(key, bytes);
    const sourceDb = await migratedDatabase();
    const archive = join(workDir, 'with-objects.mvb');
    const dataDir = mkdtempSync(join(workDir, 'source-'));
    const made = await createBackup({ database: sourceDb, dataDir, include: ['files'], objects: source, passphrase, outFile: archive, appVersion: 'test', now: () => new Date() });
    expect(made.files).toBe(objects.size);

    const target = bucketAt('target/');
    const restored = await restoreBackup({ database: await migratedDatabase(), dataDir: mkdtempSync(join(workDir, 'target-')), objects: target, passphrase, inFile: archive, skipTables });
    expect(restored.files).toBe(objects.size);
    for (const [key, bytes] of objects) expect((await readAll(target, key)).equals(bytes), key).toBe(true);

    // Restored again into the same bucket: refused before anything is written, the database left empty.
    const again = await migratedDatabase();
    await expect(restoreBackup({ database: again, dataDir: mkdtempSync(join(workDir, 'again-')), objects: target, passphrase, inFile: archive, skipTables })).rejects.toMatchObject({ code: 'conflict' });
    const users = await again.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe(0);
    // Without a bucket to restore into, the archive's objects are not silently dropped.
    await expect(restoreBackup({ database: await migratedDatabase(), dataDir: mkdtempSync(join(workDir, 'nobucket-')), passphrase, inFile: archive, skipTables })).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it('leaves out the objects under a skipped prefix, and a restore into a bucket that keeps them succeeds', async () => {
    const source = bucketAt('skipping/');
    await source.put('files/ab/cd/one', randomBytes(100));
    await source.put('erasure-ledger/entry.json', Buffer.from('{}'));
    const archive = join(workDir, 'skipping.mvb');
    const made = await createBackup({ database: await migratedDatabase(), dataDir: mkdtempSync(join(workDir, 'skip-source-')), include: ['files'], objects: source, skipObjectPrefixes: ['erasure-ledger/'], passphrase, outFile: archive, appVersion: 'test', now: () => new Date() });
    expect(made.files).toBe(1);

    // The new bucket already holds the kept records (brought there first): they are not in the way.
    const target = bucketAt('skipping-target/');
    await target.put('erasure-ledger/entry.json', Buffer.from('{"kept":true}'));
    const restored = await restoreBackup({ database: await migratedDatabase(), dataDir: mkdtempSync(join(workDir, 'skip-target-')), objects: target, passphrase, inFile: archive, skipTables });
    expect(restored.files).toBe(1);
    expect((await readAll(target, 'erasure-ledger/entry.json')).toString()).toBe('{"kept":true}');
  });
});
