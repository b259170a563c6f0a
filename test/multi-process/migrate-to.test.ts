/**
 * `meshvault migrate-to`: an embedded installation (PGlite in its data directory, files on disk) is
 * copied to PostgreSQL and an S3-compatible store, verified by the command, and then serves the same
 * file, byte for byte, from the new database and bucket. Runs only on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBufferIo } from '../../src/cli/cli-context.js';
import { withDirectApp } from '../../src/cli/direct-app.js';
import { buildProgram } from '../../src/cli/program.js';
import { verifyAuditChain } from '../../src/modules/audit/index.js';
import { SESSION_COOKIE } from '../../src/modules/accounts/index.js';
import { loadConfig, testDatabaseUrl } from '../../src/platform/config/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { customerWithProject, TEST_PASSWORD } from '../../src/test-support/builders.js';
import { adminQuery, databaseUrl } from '../../src/test-support/database-snapshot.js';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../src/test-support/s3-server.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { uploadWhole } from '../../src/modules/files/files-test-support.js';

const adminUrl = testDatabaseUrl();
const reason = adminUrl ? '' : ' (skipped: set MESHVAULT_TEST_DATABASE_URL to a PostgreSQL server)';

describe.skipIf(!adminUrl)(`meshvault migrate-to${reason}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-migrate-from-'));
  const newDataDir = mkdtempSync(join(tmpdir(), 'meshvault-migrate-to-'));
  const databaseName = `mv_migrate_${randomBytes(6).toString('hex')}`;
  const s3Variables = { MESHVAULT_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, MESHVAULT_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey };
  let s3: TestS3Server;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    await adminQuery(adminUrl ?? '', `create database ${databaseName}`);
  });
  afterAll(async () => {
    await s3?.close();
    if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(newDataDir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    const io = createBufferIo();
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
    const program = buildProgram({ io, config: () => config, withApp: () => Promise.reject(new Error('not used')), insideServer: false });
    program.exitOverride();
    // The S3 settings come from the environment, as for the server.
    Object.assign(process.env, s3Variables, { MESHVAULT_S3_ENDPOINT: s3.endpoint });
    try {
      const error = await program.parseAsync(argv, { from: 'user' }).then(() => null, (e: unknown) => e as Error);
      return { code: io.exitCode, out: io.stdout.join(''), err: io.stderr.join(''), error };
    } finally {
      for (const name of [...Object.keys(s3Variables), 'MESHVAULT_S3_ENDPOINT']) delete process.env[name];
    }
  }

  it('copies rows, files and the audit chain, verifies them, and the new installation serves the same bytes', async () => {
    const model = randomBytes(200_000);
    const embedded = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
    const { email, fileId } = await withDirectApp(embedded, async (app) => {
      await app.services.privacy.publishDefaultIfNone();
      await app.startJobs(); // the upload queues its analysis
      const { customer, projectId } = await customerWithProject(app as unknown as TestApp, { email: 'moving@example.com' });
      return { email: customer.email, fileId: await uploadWhole(app as unknown as TestApp, customer, projectId, 'housing.stl', model) };
    });

    const target = databaseUrl(adminUrl ?? '', databaseName);
    const storageUrl = `s3://${s3.bucket}/moved`;
    const migrated = await run('migrate-to', '--database-url', target, '--storage-url', storageUrl);
    expect(migrated.error).toBeNull();
    expect(migrated.out).toMatch(/Copied \d+ rows of \d+ tables\./);
    expect(migrated.out).toMatch(/Verified: row counts, stored objects, the audit chain \(\d+ entries\), and 1 files, previews and exports decrypted \(with their recorded SHA-256\)\./);

    const handle = await openDatabase({ kind: 'postgres', url: target });
    expect((await verifyAuditChain(handle.db as never)).ok).toBe(true);
    await handle.close();

    const moved = loadConfig({
      MESHVAULT_DATA_DIR: newDataDir,
      MESHVAULT_LOG_LEVEL: 'silent',
      MESHVAULT_DATABASE_URL: target,
      MESHVAULT_STORAGE_URL: storageUrl,
      MESHVAULT_S3_ENDPOINT: s3.endpoint,
      // The key file's primary key (no rotation happened here).
      MESHVAULT_MASTER_KEY: readFileSync(join(dataDir, 'master.key'), 'utf8').split('\n').find((line) => line !== '' && !line.startsWith('#')) ?? '',
      ...s3Variables,
    });
    const served = await withDirectApp(moved, async (app) => {
      const session = await app.services.accounts.signIn({ email, password: TEST_PASSWORD }, { requestId: 'test' });
      const res = await app.http.inject({ method: 'GET', url: `/api/files/${fileId}/download`, cookies: { [SESSION_COOKIE]: session.token } });
      return { status: res.statusCode, bytes: res.rawPayload };
    });
    expect(served.status).toBe(200);
    expect(served.bytes.equals(model)).toBe(true);

    // Once is enough: a target with rows is refused, and says why.
    const again = await run('migrate-to', '--database-url', target, '--storage-url', storageUrl);
    expect(again.error?.message).toMatch(/The target database is not empty/);
  }, 120_000);
});
