import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBufferIo, type CliContext } from '../../cli/cli-context.js';
import { registerVaultCommand } from '../../cli/commands/vault.js';
import { VAULT_CHUNK_SIZE as CHUNK, wrappedKeyMasterId } from '../../platform/crypto/index.js';
import { auditEntries, customerWithProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { handlerSettled } from '../../test-support/handler-settled.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { makeSphere, toBinaryStl } from '../models/test-meshes.js';
import { analyse, authHeaders, brokenPatch, sha256, tusCreate, tusHead, tusPatch, uploadWhole } from './files-test-support.js';

const MAX_BYTES = 4 * 1024 * 1024;

let app: TestApp;
let port: number;
let admin: TestUser;
let customer: TestUser;
let staff: TestUser;
let outsider: TestUser;
let projectId: string;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  await app.startJobs();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  port = (app.http.server.address() as { port: number }).port;
  admin = await signedIn(app, 'admin', 'admin@operator.test');
  ({ customer, projectId } = await customerWithProject(app, { email: 'ada@customer.test', project: { title: 'Secret housing' } }));
  staff = await signedIn(app, 'staff', 'sam@operator.test');
  outsider = await signedIn(app, 'staff', 'olga@operator.test');
  expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
}, 60_000);
afterAll(async () => app?.dispose());

// A sphere well below the origin: every coordinate is negative. 9,800 triangles, ~490 KB, 8 vault chunks.
const sphere = toBinaryStl(makeSphere([-60, -50, -40], 15, 50, 100));
const sphereTriangles = 2 * 100 * 49;

type FileJson = { id: string; name: string; size: number; sha256: string; status: string; analysis: { triangles: number; boundingBoxMm: { min: { x: number; y: number; z: number } }; volumeMm3: number } | null; buildVolumeFit: Array<{ process: string; fits: boolean }> | null; rejectionReason: string | null };

async function listFiles(user: TestUser) {
  const res = await user.c.get(`/api/projects/${projectId}/files`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ files: FileJson[] }>().files;
}

let sphereFileId = '';

describe('uploads (tus) into the vault', () => {
  it('answers OPTIONS with the protocol, and refuses wrong versions, types and sizes before storing a byte', async () => {
    const options = await app.http.inject({ method: 'OPTIONS', url: `/api/projects/${projectId}/uploads` });
    expect(options.statusCode).toBe(204);
    expect(options.headers).toMatchObject({
      'tus-version': '1.0.0',
      'tus-extension': 'creation,creation-with-upload,termination,checksum,expiration',
      'tus-checksum-algorithm': 'sha1,sha256',
      'tus-max-size': String(MAX_BYTES),
    });

    const noVersion = await app.http.inject({ method: 'POST', url: `/api/projects/${projectId}/uploads`, headers: { ...(await authHeaders(customer)), 'tus-resumable': '0.2.2', 'upload-length': '10' } });
    expect(noVersion.statusCode).toBe(412);
    expect(noVersion.headers['tus-version']).toBe('1.0.0');

    const exe = await tusCreate(app, customer, projectId, 'setup.exe', 1000);
    expect(exe.statusCode).toBe(415);
    expect(exe.json<{ detail: string }>().detail).toContain('.stl');
    const huge = await tusCreate(app, customer, projectId, 'huge.stl', MAX_BYTES + 1);
    expect(huge.statusCode).toBe(413);
    expect((await tusCreate(app, outsider, projectId, 'a.stl', 1000)).statusCode).toBe(404);
  });

  it('resumes after a broken connection, lists the file only once complete, analyses it, and gives back the same bytes', async () => {
    const created = await tusCreate(app, customer, projectId, 'housing.stl', sphere.length);
    expect(created.statusCode, created.body).toBe(201);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
    expect(created.headers['tus-resumable']).toBe('1.0.0');

    // PATCH 1: 150,000 bytes, all kept (two whole 64 KiB chunks and a sealed tail), and the offset says so.
    const first = await tusPatch(app, customer, location, 0, sphere.subarray(0, 150_000));
    expect(first.statusCode, first.body).toBe(204);
    expect(Number(first.headers['upload-offset'])).toBe(150_000);
    expect(await listFiles(customer)).toEqual([]); // a partial upload is not a file

    const wrong = await tusPatch(app, customer, location, 0, sphere.subarray(0, 1000));
    expect(wrong.statusCode).toBe(409);
    const wrongType = await app.http.inject({ method: 'PATCH', url: location, headers: { ...(await authHeaders(customer)), 'upload-offset': '150000', 'content-type': 'application/json' }, payload: '{}' });
    expect(wrongType.statusCode).toBe(415);

    // PATCH 2 over a real socket that breaks after 150,000 of the 200,000 bytes it announced; the
    // server winds the broken request up (stores what arrived, frees the upload) after the break.
    const woundUp = handlerSettled((request) => request.method === 'PATCH' && request.url === location);
    await brokenPatch(port, customer, location, 150_000, sphere.subarray(150_000, 300_000), 200_000);
    await woundUp;
    const head = await tusHead(app, customer, location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-length']).toBe(String(sphere.length));
    expect(head.headers['cache-control']).toBe('no-store');
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBe(300_000); // every byte that arrived before the break was kept
    expect(head.headers['upload-expires']).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(await listFiles(customer)).toEqual([]);
    expect((await tusHead(app, outsider, location)).statusCode).toBe(404);

    // PATCH 3: the rest, from where HEAD said.
    const last = await tusPatch(app, customer, location, offset, sphere.subarray(offset));
    expect(last.statusCode, last.body).toBe(204);
    expect(Number(last.headers['upload-offset'])).toBe(sphere.length);
    expect(Number((await tusHead(app, customer, location)).headers['upload-offset'])).toBe(sphere.length);
    expect((await tusPatch(app, customer, location, sphere.length, Buffer.alloc(0))).statusCode).toBe(409);

    sphereFileId = location.split('/').pop()!;
    const listed = await listFiles(customer);
    expect(listed.map((f) => [f.id, f.name, f.size, f.sha256])).toEqual([[sphereFileId, 'housing.stl', sphere.length, sha256(sphere)]]);

    expect((await analyse(app, sphereFileId)).status).toBe('analysed');
    const [file] = await listFiles(customer);
    expect(file!.analysis!.triangles).toBe(sphereTriangles);
    expect(file!.analysis!.boundingBoxMm.min.x).toBeCloseTo(-75, 1);
    expect(file!.analysis!.boundingBoxMm.min.z).toBeCloseTo(-55, 1);
    expect(file!.buildVolumeFit).toEqual(expect.arrayContaining([expect.objectContaining({ process: 'FDM', fits: true })]));

    // Nothing readable on disk: the stored object is ciphertext.
    const stored = await readFile(join(app.config.filesDir, 'files', sphereFileId));
    expect(stored.includes(sphere.subarray(84, 184))).toBe(false);

    const download = await customer.c.get(`/api/files/${sphereFileId}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('housing.stl');
    expect(sha256(download.rawPayload)).toBe(sha256(sphere));

    expect((await auditEntries(app, 'files.uploaded', sphereFileId)).map((e) => e.actor_id)).toEqual([customer.id]);
    const readsBefore = (await auditEntries(app, 'projects.read_by_staff', projectId)).length;
    expect((await staff.c.get(`/api/files/${sphereFileId}/download`)).statusCode).toBe(200);
    const reads = (await auditEntries(app, 'projects.read_by_staff', projectId)).slice(readsBefore);
    expect(reads.map((r) => (r.details as { what: string }).what)).toEqual(['file_download']);
    for (const url of [`/api/files/${sphereFileId}`, `/api/files/${sphereFileId}/download`]) {
      expect((await outsider.c.get(url)).statusCode, url).toBe(404);
    }
    expect((await outsider.c.delete(`/api/files/${sphereFileId}`)).statusCode).toBe(404);
  });

  it('refuses to hand out a file whose ciphertext was altered', async () => {
    const path = join(app.config.filesDir, 'files', sphereFileId);
    const handle = await open(path, 'r+');
    try {
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, 200);
      await handle.write(Buffer.from([byte[0]! ^ 0x01]), 0, 1, 200);
      const res = await customer.c.get(`/api/files/${sphereFileId}/download`);
      expect(res.statusCode).toBe(422);
      expect(res.rawPayload.includes(sphere.subarray(84, 184))).toBe(false);
      await handle.write(byte, 0, 1, 200);
    } finally {
      await handle.close();
    }
    expect(sha256((await customer.c.get(`/api/files/${sphereFileId}/download`)).rawPayload)).toBe(sha256(sphere));
  });

  it('rejects a hostile (truncated) STL with the reason, without crashing the job', async () => {
    const truncated = sphere.subarray(0, 84 + 50 * 100 + 17); // the header announces 9,800 triangles
    const id = await uploadWhole(app, customer, projectId, 'broken.stl', truncated);
    const result = await analyse(app, id);
    expect(result.status).toBe('rejected');
    expect(result.rejection_reason).toMatch(/truncated|announces|triangles|bytes/i);
    const file = (await listFiles(customer)).find((f) => f.id === id)!;
    expect(file.analysis).toBeNull();
    expect(file.rejectionReason).toBe(result.rejection_reason);
    // The job completed (the refusal is its result, not a failure), and the next file is analysed as usual.
    const small = toBinaryStl(makeSphere([0, 0, 0], 5, 8, 12));
    const next = await uploadWhole(app, customer, projectId, 'small.stl', small);
    expect((await analyse(app, next)).status).toBe('analysed');
    await customer.c.delete(`/api/files/${next}`);
    await customer.c.delete(`/api/files/${id}`);
  });

  it('cancels an upload in progress (tus termination): its parts and key are gone', async () => {
    const created = await tusCreate(app, customer, projectId, 'draft.obj', 2 * CHUNK);
    const location = created.headers.location as string;
    expect((await tusPatch(app, customer, location, 0, Buffer.alloc(CHUNK + 10, 0x61))).statusCode).toBe(204);
    const uploadId = location.split('/').pop()!;
    const stored = ['0000000000', 'tail-0000000001'].map((name) => join(app.config.filesDir, 'files', `${uploadId}.parts`, name));
    expect(stored.map((path) => existsSync(path))).toEqual([true, true]); // a whole chunk, and the sealed tail of 10 bytes
    const res = await app.http.inject({ method: 'DELETE', url: location, headers: await authHeaders(customer) });
    expect(res.statusCode).toBe(204);
    expect(stored.map((path) => existsSync(path))).toEqual([false, false]);
    expect(await app.db.selectFrom('file_uploads').select('id').where('id', '=', uploadId).executeTakeFirst()).toBeUndefined();
    expect((await tusHead(app, customer, location)).statusCode).toBe(404);
  });

  it('rotates the master key: every file key is re-wrapped, the files still decrypt', async () => {
    const before = await app.db.selectFrom('files').select(['id', 'wrapped_key']).execute();
    expect(before.length).toBeGreaterThan(0);
    const io = createBufferIo();
    const ctx: CliContext = { io, config: () => app.config, withApp: (fn) => fn(app), insideServer: true };
    const program = new Command().exitOverride();
    registerVaultCommand(program, ctx);
    await program.parseAsync(['vault', 'rotate-key'], { from: 'user' });
    expect(io.stderr.join('')).toBe('');
    expect(io.stdout.join('')).toContain(`Re-wrapped ${before.length} file key`);
    const keyFile = (await readFile(join(app.config.dataDir, 'master.key'), 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(keyFile).toHaveLength(2);
    const after = await app.db.selectFrom('files').select(['id', 'wrapped_key']).execute();
    const newIds = new Set(after.map((f) => wrappedKeyMasterId(f.wrapped_key)));
    expect(newIds.size).toBe(1);
    expect(newIds.has(wrappedKeyMasterId(before[0]!.wrapped_key))).toBe(false);
    // The previews' keys too, and the preview still decrypts.
    const previews = await app.db.selectFrom('file_previews').select('wrapped_key').execute();
    expect(previews.length).toBeGreaterThan(0);
    expect(io.stdout.join('')).toContain(`${previews.length} preview key`);
    expect(new Set(previews.map((p) => wrappedKeyMasterId(p.wrapped_key)))).toEqual(newIds);
    expect((await customer.c.get(`/api/files/${sphereFileId}/preview`)).statusCode).toBe(200);
    expect(sha256((await customer.c.get(`/api/files/${sphereFileId}/download`)).rawPayload)).toBe(sha256(sphere));
  });

  it('crypto-shreds a file: the key row first, then the ciphertext', async () => {
    const small = toBinaryStl(makeSphere([0, 0, 0], 5, 8, 12));
    const id = await uploadWhole(app, customer, projectId, 'shred-me.stl', small);
    await analyse(app, id);
    const path = join(app.config.filesDir, 'files', id);
    expect(existsSync(path)).toBe(true);
    const res = await customer.c.delete(`/api/files/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await app.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await app.db.selectFrom('file_uploads').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect((await customer.c.get(`/api/files/${id}/download`)).statusCode).toBe(404);
    expect((await auditEntries(app, 'files.deleted', id)).map((e) => e.subject_id)).toEqual([customer.id]);
  });
});

describe('the analysis job under its old name', () => {
  it('still analyses a file whose job was queued as models.analyze.v1, before the job was named for its module', async () => {
    const small = toBinaryStl(makeSphere([0, 0, 0], 5, 8, 12));
    const id = await uploadWhole(app, customer, projectId, 'queued-before-upgrade.stl', small);
    // What an installation upgraded with such a job still queued holds: the job in the old queue only.
    await app.database.executeSql(`delete from pgboss.job where name = 'files.analyze.v1' and data->>'fileId' = $1`, [id]);
    expect(await app.jobs.countQueued(app.services.files.analyzeJob)).toBe(0);
    await app.jobs.send('models.analyze', { fileId: id });

    expect(await app.jobs.drain()).toEqual({ completed: { 'models.analyze.v1': 1 }, failed: [] });
    const row = await app.db.selectFrom('files').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('analysed');
  });
});
