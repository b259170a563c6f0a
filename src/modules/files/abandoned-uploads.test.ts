import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VAULT_CHUNK_SIZE } from '../../platform/crypto/index.js';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { customerWithProject, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { tusCreate, tusPatch, uploadWhole } from './files-test-support.js';

const DAY = 86_400_000;
let app: TestApp;
let owner: TestUser;
let projectId: string;

beforeAll(async () => {
  // The finished upload's analysis is queued, never run: not needed here.
  app = await createTestApp({ MESHVAULT_UPLOAD_ABANDON_DAYS: '3' });
  await app.startJobs();
  ({ customer: owner, projectId } = await customerWithProject(app, { email: 'owner@example.com', project: { title: 'Half-sent housing' } }));
}, 60_000);
afterAll(async () => app?.dispose());

/** An upload of four chunks of which `chunks` arrived. */
async function startUpload(chunks: number) {
  const bytes = chunks * VAULT_CHUNK_SIZE;
  const created = await tusCreate(app, owner, projectId, 'housing.stl', 4 * VAULT_CHUNK_SIZE);
  expect(created.statusCode, created.body).toBe(201);
  const location = created.headers.location as string;
  expect((await tusPatch(app, owner, location, 0, Buffer.alloc(bytes, 7))).statusCode).toBe(204);
  const id = location.split('/').pop()!;
  const row = await app.db.selectFrom('file_uploads').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, storageKey: row.storage_key };
}

describe('abandoned uploads', () => {
  it('discards uploads left unfinished past the configured days (row, key and stored parts), audited; keeps the rest', async () => {
    const abandoned = await startUpload(2);
    const finishedId = await uploadWhole(app, owner, projectId, 'done.stl', Buffer.from('solid done\nendsolid done\n'));
    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });
    const partsBefore = await storedKeys(storage, abandoned.storageKey);
    expect(partsBefore.length).toBeGreaterThan(0);

    app.clock.advance(2 * DAY);
    const recent = await startUpload(1);
    expect(await app.services.files.discardAbandonedUploads()).toBe(0);

    app.clock.advance(2 * DAY);
    expect(await app.services.files.discardAbandonedUploads()).toBe(1);

    expect(await app.db.selectFrom('file_uploads').select('id').where('id', '=', abandoned.id).executeTakeFirst()).toBeUndefined();
    expect(await storedKeys(storage, abandoned.storageKey)).toEqual([]);
    expect(await app.db.selectFrom('file_uploads').select('id').where('id', '=', recent.id).executeTakeFirst()).toBeDefined();
    expect(await storedKeys(storage, recent.storageKey)).not.toEqual([]);
    expect(await app.db.selectFrom('files').select('id').where('id', '=', finishedId).executeTakeFirst()).toBeDefined();
    const audit = await app.db.selectFrom('audit_log').select(['actor_role', 'subject_id', 'details']).where('action', '=', 'files.upload_abandoned').execute();
    expect(audit.map((a) => ({ role: a.actor_role, subject: a.subject_id, details: a.details }))).toEqual([{ role: 'system', subject: owner.id, details: { uploadId: abandoned.id, afterDays: 3 } }]);
    // Resuming it now is a clear 404, not a crash.
    expect((await tusPatch(app, owner, `/api/uploads/${abandoned.id}`, 2 * VAULT_CHUNK_SIZE, Buffer.alloc(16))).statusCode).toBe(404);
    // Idempotent.
    expect(await app.services.files.discardAbandonedUploads()).toBe(0);
  });
});

async function storedKeys(storage: ReturnType<typeof createLocalStorageDriver>, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of storage.list(prefix)) keys.push(item.key);
  return keys;
}
