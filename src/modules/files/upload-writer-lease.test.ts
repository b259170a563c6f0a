import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VAULT_CHUNK_SIZE } from '../../platform/crypto/index.js';
import { createS3StorageDriver } from '../../platform/storage/s3-storage-driver.js';
import { customerWithProject, type TestUser } from '../../test-support/builders.js';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../test-support/s3-server.js';
import { listKeys } from '../../test-support/storage-driver-contract.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { authHeaders, sha256, tusCreate, tusHead, tusPatch } from './files-test-support.js';

const DAY = 86_400_000;
let s3: TestS3Server;
let app: TestApp;
let owner: TestUser;
let projectId: string;

beforeAll(async () => {
  s3 = await startTestS3Server();
  // The files in an S3-compatible store, as with several API processes.
  app = await createTestApp({
    MESHVAULT_STORAGE_URL: `s3://${s3.bucket}/installation`,
    MESHVAULT_S3_ENDPOINT: s3.endpoint,
    MESHVAULT_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    MESHVAULT_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    MESHVAULT_UPLOAD_ABANDON_DAYS: '1',
  });
  await app.startJobs();
  ({ customer: owner, projectId } = await customerWithProject(app, { email: 'owner@example.com', project: { title: 'Bracket' } }));
}, 60_000);
afterAll(async () => {
  await app?.dispose();
  await s3?.close();
});

/** What another API process does while it writes to the upload: it holds the row's lease. */
async function leaseHeldElsewhere(id: string, until: 'running' | 'expired') {
  const at = until === 'running' ? sql<Date>`clock_timestamp() + interval '30 seconds'` : sql<Date>`clock_timestamp() - interval '1 second'`;
  await app.db.updateTable('file_uploads').set({ writer_token: '00000000-0000-4000-8000-000000000001', writer_until: at }).where('id', '=', id).execute();
}

describe('uploads on S3-compatible storage with one writer across processes', () => {
  it('stores an upload sent in pieces in the bucket, encrypted, and registers the file with the real digest', async () => {
    const bytes = randomBytes(2 * VAULT_CHUNK_SIZE + 1000);
    const created = await tusCreate(app, owner, projectId, 'bracket.stl', bytes.length);
    const location = created.headers.location as string;
    expect((await tusPatch(app, owner, location, 0, bytes.subarray(0, VAULT_CHUNK_SIZE + 10))).statusCode).toBe(204);
    expect((await tusHead(app, owner, location)).headers['upload-offset']).toBe(String(VAULT_CHUNK_SIZE + 10));
    expect((await tusPatch(app, owner, location, VAULT_CHUNK_SIZE + 10, bytes.subarray(VAULT_CHUNK_SIZE + 10))).statusCode).toBe(204);
    const id = location.split('/').pop()!;
    const file = await app.db.selectFrom('files').select(['sha256', 'size_bytes']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(file).toEqual({ sha256: sha256(bytes), size_bytes: bytes.length });
    // What the bucket holds is the one joined object (no parts left), and ciphertext only.
    const bucket = createS3StorageDriver({ bucket: s3.bucket, prefix: '', region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    const { storage_key } = await app.db.selectFrom('files').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await listKeys(bucket, '')).filter((key) => key.includes(storage_key))).toEqual([`installation/${storage_key}`]);
    const stored = Buffer.concat(await (await bucket.read(`installation/${storage_key}`)).toArray());
    expect(stored.length).toBeGreaterThan(bytes.length);
    expect(stored.includes(bytes.subarray(0, 32))).toBe(false);
    bucket.close();
    // The lease was given back with the last piece.
    expect(await app.db.selectFrom('file_uploads').select('writer_token').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ writer_token: null });
  });

  it('refuses a PATCH, a cancel and the abandoned-upload sweep while another process writes, and lets the client resume once that lease ran out', async () => {
    const bytes = randomBytes(VAULT_CHUNK_SIZE + 5);
    const created = await tusCreate(app, owner, projectId, 'busy.stl', bytes.length);
    const location = created.headers.location as string;
    const id = location.split('/').pop()!;
    await leaseHeldElsewhere(id, 'running');

    const busy = await tusPatch(app, owner, location, 0, bytes);
    expect(busy.statusCode).toBe(409);
    expect(busy.json<{ detail: string }>().detail).toMatch(/Another request is writing to this upload/);
    expect((await app.http.inject({ method: 'DELETE', url: location, headers: await authHeaders(owner) })).statusCode).toBe(409);
    app.clock.advance(2 * DAY);
    expect(await app.services.files.discardAbandonedUploads()).toBe(0);
    expect((await tusHead(app, owner, location)).headers['upload-offset']).toBe('0');

    // The writer's process died: its lease runs out, and the next PATCH (on any process) takes over.
    await leaseHeldElsewhere(id, 'expired');
    expect((await tusPatch(app, owner, location, 0, bytes)).statusCode).toBe(204);
    expect(await app.db.selectFrom('files').select('sha256').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ sha256: sha256(bytes) });
  });
});
