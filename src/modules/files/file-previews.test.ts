import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, customerWithProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { analyzeModelStream, PREVIEW_MAX_TRIANGLES } from '../models/index.js';
import { makeSphere, toBinaryStl } from '../models/test-meshes.js';
import { analyse, uploadWhole } from './files-test-support.js';

let app: TestApp;
let customer: TestUser;
let other: TestUser;
let staff: TestUser;
let outsider: TestUser;
let projectId: string;
let fileId: string;

// 2·160·119 = 38,080 triangles: twice what a preview holds.
const sphere = toBinaryStl(makeSphere([0, 0, 40], 30, 120, 160));

const previewRow = (id: string) => app.db.selectFrom('file_previews').selectAll().where('file_id', '=', id).executeTakeFirst();

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  ({ customer, projectId } = await customerWithProject(app, { project: { title: 'Preview housing' } }));
  other = await signedIn(app, 'customer');
  const admin = await signedIn(app, 'admin');
  staff = await signedIn(app, 'staff');
  outsider = await signedIn(app, 'staff');
  expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
  fileId = await uploadWhole(app, customer, projectId, 'housing.stl', sphere);
  expect((await analyse(app, fileId)).status).toBe('analysed');
}, 60_000);
afterAll(async () => app?.dispose());

describe('file previews', () => {
  it('are made at analysis, stored encrypted, and served to the owner as a light GLB that is never cached', async () => {
    const file = (await customer.c.get(`/api/files/${fileId}`)).json<{ file: { hasPreview: boolean } }>().file;
    expect(file.hasPreview).toBe(true);
    const row = (await previewRow(fileId))!;
    expect(row.project_id).toBe(projectId);
    const onDisk = await readFile(join(app.config.filesDir, row.storage_key));
    expect(onDisk.includes(Buffer.from('glTF'))).toBe(false);
    expect(onDisk.includes(Buffer.from('"POSITION"'))).toBe(false);

    const res = await customer.c.get(`/api/files/${fileId}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('model/gltf-binary');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('glTF');
    expect(res.rawPayload.length).toBe(row.size_bytes);
    expect(res.rawPayload.length).toBeLessThan(sphere.length / 3);
    const back = await analyzeModelStream(Readable.from([res.rawPayload]), { filename: 'preview.glb' });
    expect(back.triangles).toBeLessThanOrEqual(PREVIEW_MAX_TRIANGLES);
    expect(back.boundingBox.max.z).toBeLessThanOrEqual(70 + 1e-3); // the model's own units and place
    expect((await auditEntries(app, 'files.analysed', fileId)).map((e) => (e.details as { preview?: boolean }).preview)).toEqual([true]);
  });

  it('follow the download rules: 404 to anyone who may not see the project, an audited read for staff', async () => {
    for (const user of [other, outsider]) expect((await user.c.get(`/api/files/${fileId}/preview`)).statusCode).toBe(404);
    const before = (await auditEntries(app, 'projects.read_by_staff', projectId)).length;
    expect((await customer.c.get(`/api/files/${fileId}/preview`)).statusCode).toBe(200);
    expect((await auditEntries(app, 'projects.read_by_staff', projectId)).length).toBe(before); // one's own file is no staff read
    const res = await staff.c.get(`/api/files/${fileId}/preview`);
    expect(res.statusCode).toBe(200);
    const reads = (await auditEntries(app, 'projects.read_by_staff', projectId)).slice(before);
    expect(reads.map((r) => [r.actor_id, r.subject_id, r.details])).toEqual([[staff.id, customer.id, { what: 'file_preview', fileId }]]);
  });

  it('answer 404 (problem+json) for a file without one: analysed before previews, or rejected', async () => {
    const older = await uploadWhole(app, customer, projectId, 'older.stl', toBinaryStl(makeSphere([0, 0, 0], 5, 8, 12)));
    await analyse(app, older);
    const row = (await previewRow(older))!;
    await app.db.deleteFrom('file_previews').where('file_id', '=', older).execute(); // as if analysed before this change
    await rm(join(app.config.filesDir, row.storage_key));
    const res = await customer.c.get(`/api/files/${older}/preview`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ detail: string }>().detail).toMatch(/no preview/);
    const listed = (await customer.c.get(`/api/projects/${projectId}/files`)).json<{ files: Array<{ id: string; hasPreview: boolean }> }>().files;
    expect(Object.fromEntries(listed.map((f) => [f.id, f.hasPreview]))).toEqual({ [fileId]: true, [older]: false });

    const broken = await uploadWhole(app, customer, projectId, 'broken.stl', sphere.subarray(0, 1000));
    expect((await analyse(app, broken)).status).toBe('rejected');
    expect(await previewRow(broken)).toBeUndefined();
    expect((await customer.c.get(`/api/files/${broken}/preview`)).statusCode).toBe(404);
  });

  it('are made by the nightly backfill for files analysed before previews existed', async () => {
    const lacking = await app.db.selectFrom('files').select('id').where('status', '=', 'analysed').where('id', 'not in', app.db.selectFrom('file_previews').select('file_id')).execute();
    expect(lacking).toHaveLength(1);
    const older = lacking[0]!.id;
    await app.jobs.send('files.backfill-previews', {});
    expect(await app.jobs.drain()).toEqual({ completed: { 'files.backfill-previews.v1': 1 }, failed: [] });
    expect(await previewRow(older)).toBeDefined();
    expect((await auditEntries(app, 'files.preview_made', older)).map((e) => e.subject_id)).toEqual([customer.id]);
    const res = await customer.c.get(`/api/files/${older}/preview`);
    expect(res.statusCode).toBe(200);
    expect((await analyzeModelStream(Readable.from([res.rawPayload]), { filename: 'preview.glb' })).triangles).toBe(2 * 12 * 7);
    // Nothing left to do: the next run makes none.
    await app.jobs.send('files.backfill-previews', {});
    await app.jobs.drain();
    expect(await auditEntries(app, 'files.preview_made')).toHaveLength(1);
  });

  it('go with their file: deleting it destroys the preview key in the same work, then its object', async () => {
    const row = (await previewRow(fileId))!;
    const path = join(app.config.filesDir, row.storage_key);
    expect(existsSync(path)).toBe(true);
    expect((await customer.c.delete(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect(await previewRow(fileId)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect((await customer.c.get(`/api/files/${fileId}/preview`)).statusCode).toBe(404);
  });
});
