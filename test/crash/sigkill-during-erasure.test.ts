/**
 * A server killed with SIGKILL in the middle of erasing an account: after a restart on the same
 * embedded data directory the erasure finishes by itself (the job the dead process left active is
 * retried at once), and then nothing of the person is left except what is kept with a stated reason;
 * the other customer's data is untouched and the audit chain verifies.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/index.js';
import { CLI_ACTOR } from '../../src/platform/unit-of-work/index.js';
import { createFileVault } from '../../src/modules/files/index.js';
import { countBulkRows, seedBulkRows, valuesLeftBehind } from '../../src/modules/rights/rights-test-support.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { loadOrCreateMasterKeys } from '../../src/platform/crypto/index.js';
import { createLocalStorageDriver } from '../../src/platform/storage/index.js';
import { ensureServerBuilt } from '../server-bundle.js';
import { exitOf, linesLogged, logLineSeen, signIn, startServerProcess, waitReady, withDataDir, seedDataDir } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-crash-erasure-'));
const port = 20000 + Math.floor(Math.random() * 1000);
const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
const PASSWORD = 'correct horse battery staple';
// Enough rows that the erasure takes seconds after its first step: the kill lands mid-way.
const ROWS = 300_000;

beforeAll(async () => {
  await Promise.all([ensureServerBuilt(), seedDataDir(dataDir)]);
}, 600_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function seedPeople() {
  return withDataDir(dataDir, async (app) => {
    await app.services.privacy.publishDefaultIfNone();
    const ctx = { requestId: 'crash-test' };
    const erin = await app.services.accounts.createUser(CLI_ACTOR, { email: 'erin@example.com', name: 'Erin Erasable', password: PASSWORD, role: 'customer' }, ctx);
    const bob = await app.services.accounts.createUser(CLI_ACTOR, { email: 'bob@example.net', name: 'Bob Bystander', password: PASSWORD, role: 'customer' }, ctx);
    const db = app.db as unknown as Kysely<unknown>;
    await seedBulkRows(db, erin.id, ROWS);
    await seedBulkRows(db, bob.id, 100);
    // Two confidential models in the vault, as an upload leaves them.
    const fileVault = createFileVault({ storage: createLocalStorageDriver({ rootDir: config.filesDir }), masterKeys: await loadOrCreateMasterKeys({ dataDir, configuredKeys: undefined }) });
    const project = await app.db.selectFrom('projects').select('id').where('customer_id', '=', erin.id).executeTakeFirstOrThrow();
    const objectKeys: string[] = [];
    for (const name of ['erin-gearbox.stl', 'erin-bracket.stl']) {
      const id = randomUUID();
      const key = `files/${id}`;
      const stored = await fileVault.vault().writeFile(key, Readable.from([Buffer.from(`solid ${name}\nendsolid\n`)]));
      await app.db
        .insertInto('files')
        .values({ id, project_id: project.id, uploaded_by: erin.id, original_name: name, size_bytes: stored.plaintextSize, sha256: stored.sha256, wrapped_key: stored.wrappedKey, storage_key: key, status: 'uploaded', created_at: new Date() })
        .execute();
      objectKeys.push(key);
    }
    return { erinId: erin.id, bobId: bob.id, objectKeys, erinRows: await countBulkRows(db, erin.id), bobRows: await countBulkRows(db, bob.id) };
  });
}

describe('SIGKILL during an erasure', () => {
  it('finishes after a restart and leaves only what is kept with a reason', async () => {
    const seeded = await seedPeople();
    expect(seeded.erinRows).toBeGreaterThanOrEqual(ROWS);

    // The person erases their own account; the server is killed right after the first table is done.
    const first = startServerProcess(dataDir, port, { logLevel: 'info' });
    const firstStep = logLineSeen(first, 'erasure step committed');
    await waitReady(first);
    const erin = await signIn(port, 'erin@example.com', PASSWORD);
    const asked = await erin.post('/api/me/erasure', { password: PASSWORD });
    expect(asked.status).toBe(202);
    const { erasureId, token } = (await asked.json()) as { erasureId: string; token: string };
    await firstStep;
    const killed = exitOf(first);
    first.kill('SIGKILL');
    expect(await killed).toMatchObject({ signal: 'SIGKILL' });

    const midway = await withDataDir(dataDir, async (app) => ({
      erasure: await app.db.selectFrom('erasures').select(['status', 'progress']).where('id', '=', erasureId).executeTakeFirstOrThrow(),
      rowsLeft: await countBulkRows(app.db as unknown as Kysely<unknown>, seeded.erinId),
    }));
    expect(midway.erasure.status).toBe('running');
    expect(midway.erasure.progress.done.length).toBeGreaterThan(0);
    expect(midway.rowsLeft).toBeGreaterThan(0);

    // Restarted: nobody touches anything, the erasure completes by itself.
    const second = startServerProcess(dataDir, port, { logLevel: 'debug' });
    // The worker logs each job it completes (at debug); the erasure's job completing is the erasure finished.
    const erased = linesLogged(second, (line) => line.includes('"msg":"job completed"') && line.includes('"queue":"rights.erase.v1"'));
    try {
      await waitReady(second);
      await erased;
      const res = await fetch(`http://127.0.0.1:${port}/api/erasures/${erasureId}?token=${token}`);
      const { status } = (await res.json()) as { status: string };
      expect(status).toBe('completed');
      expect((await signIn(port, 'erin@example.com', PASSWORD)).status).toBe(401);
    } finally {
      const stopped = exitOf(second);
      second.kill('SIGTERM');
      expect(await stopped).toMatchObject({ code: 0 });
    }

    await withDataDir(dataDir, async (app) => {
      const db = app.db as unknown as Kysely<unknown>;
      expect(await countBulkRows(db, seeded.erinId)).toBe(0);
      expect(await valuesLeftBehind(db, [seeded.erinId, 'erin@example.com', 'Erin Erasable', 'erin-gearbox.stl'])).toEqual([]);
      const storage = createLocalStorageDriver({ rootDir: config.filesDir });
      for (const key of seeded.objectKeys) expect(await storage.stat(key), key).toBeNull();
      expect(await countBulkRows(db, seeded.bobId)).toBe(seeded.bobRows);
      expect(await app.db.selectFrom('users').select('id').where('id', '=', seeded.bobId).executeTakeFirst()).toBeDefined();
      expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
    });
  }, 600_000); // four on-disk PGlite starts, 300,000 rows and a build on a loaded 2-core machine
});
