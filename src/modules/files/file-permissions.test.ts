import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, customerWithProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { makeSphere, toBinaryStl } from '../models/test-meshes.js';
import { tusCreate, tusHead, tusPatch, authHeaders, uploadWhole } from './files-test-support.js';

const CHUNK = 64 * 1024;

let app: TestApp;
let admin: TestUser;
let customer: TestUser;
let staff: TestUser;
let stranger: TestUser;
let projectId: string;
beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  admin = await signedIn(app, 'admin', 'admin@perm.test');
  ({ customer, projectId } = await customerWithProject(app, { email: 'ada@perm.test' }));
  ({ customer: stranger } = await customerWithProject(app, { email: 'eve@perm.test' }));
  staff = await signedIn(app, 'staff', 'sam@perm.test');
  expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
}, 120_000);
afterAll(async () => app?.dispose());

const model = toBinaryStl(makeSphere([0, 0, 0], 5, 8, 12));

/** What a 404 problem says, without what differs per request. */
const said = (res: { json: <T>() => T }) => {
  const { code, detail, status } = res.json<{ code: string; detail: string; status: number }>();
  return { code, detail, status };
};

async function tusDelete(user: TestUser, location: string) {
  return app.http.inject({ method: 'DELETE', url: location, headers: await authHeaders(user) });
}

type FileView = { id: string; canDelete: boolean; deleteNeedsReason: boolean };
async function fileView(user: TestUser, id: string) {
  const res = await user.c.get(`/api/files/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ file: FileView }>().file;
}

const fileExists = async (id: string) => (await app.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('an unfinished upload', () => {
  it('is its uploader’s alone: anyone else gets the 404 of an unknown upload and writes nothing', async () => {
    const bytes = Buffer.alloc(3 * CHUNK, 7);
    const created = await tusCreate(app, customer, projectId, 'half.stl', bytes.length);
    expect(created.statusCode, created.body).toBe(201);
    const location = created.headers.location as string;
    expect((await tusPatch(app, customer, location, 0, bytes.subarray(0, CHUNK))).statusCode).toBe(204);

    const unknown = await tusHead(app, staff, '/api/uploads/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const unknownDelete = await tusDelete(staff, '/api/uploads/00000000-0000-4000-8000-000000000000');
    for (const user of [staff, admin, stranger]) {
      const head = await tusHead(app, user, location);
      expect(head.statusCode).toBe(unknown.statusCode);
      expect(head.headers['upload-offset']).toBeUndefined();
      const patch = await tusPatch(app, user, location, CHUNK, bytes.subarray(CHUNK, 2 * CHUNK));
      expect(patch.statusCode, patch.body).toBe(404);
      expect(said(patch)).toEqual(said(unknownDelete));
      const del = await tusDelete(user, location);
      expect(del.statusCode, del.body).toBe(404);
      expect(said(del)).toEqual(said(unknownDelete));
    }

    // Nothing moved: the offset is the customer's, the upload is still there, nothing was audited.
    const head = await tusHead(app, customer, location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(CHUNK));
    const id = location.split('/').pop()!;
    expect(await auditEntries(app, 'files.upload_cancelled')).toEqual([]);

    // The uploader finishes it.
    expect((await tusPatch(app, customer, location, CHUNK, bytes.subarray(CHUNK))).statusCode).toBe(204);
    expect(await fileExists(id)).toBe(true);
  });

  it('is cancelled by its uploader', async () => {
    const created = await tusCreate(app, customer, projectId, 'cancel.stl', 2 * CHUNK);
    const location = created.headers.location as string;
    expect((await tusDelete(customer, location)).statusCode).toBe(204);
    expect((await tusHead(app, customer, location)).statusCode).toBe(404);
  });

  it('of staff is not the customer’s to touch either', async () => {
    const created = await tusCreate(app, staff, projectId, 'staff.stl', 2 * CHUNK);
    expect(created.statusCode, created.body).toBe(201);
    const location = created.headers.location as string;
    expect((await tusHead(app, customer, location)).statusCode).toBe(404);
    expect((await tusDelete(customer, location)).statusCode).toBe(404);
    expect((await tusHead(app, staff, location)).headers['upload-offset']).toBe('0');
  });
});

describe('deleting a file', () => {
  it('tells each reader whether they may delete it, and whether only with a reason', async () => {
    const customersFile = await uploadWhole(app, customer, projectId, 'mine.stl', model);
    const staffsFile = await uploadWhole(app, staff, projectId, 'repaired.stl', model);
    expect(await fileView(customer, customersFile)).toMatchObject({ canDelete: true, deleteNeedsReason: false });
    expect(await fileView(staff, customersFile)).toMatchObject({ canDelete: false, deleteNeedsReason: true });
    expect(await fileView(admin, customersFile)).toMatchObject({ canDelete: true, deleteNeedsReason: true });
    expect(await fileView(staff, staffsFile)).toMatchObject({ canDelete: true, deleteNeedsReason: false });
    expect(await fileView(customer, staffsFile)).toMatchObject({ canDelete: true, deleteNeedsReason: false });
    const list = (await staff.c.get(`/api/projects/${projectId}/files`)).json<{ files: FileView[] }>().files;
    expect(list.find((f) => f.id === customersFile)).toMatchObject({ canDelete: false, deleteNeedsReason: true });
  });

  it('by the customer needs no reason and is audited as theirs', async () => {
    const id = await uploadWhole(app, customer, projectId, 'own.stl', model);
    const res = await customer.c.delete(`/api/files/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await fileExists(id)).toBe(false);
    const [entry] = await auditEntries(app, 'files.deleted', id);
    expect(entry?.subject_id).toBe(customer.id);
    expect(entry?.details).toMatchObject({ onBehalf: false });
    expect(entry?.details).not.toHaveProperty('reason');
  });

  it('of another customer’s project is a 404', async () => {
    const id = await uploadWhole(app, customer, projectId, 'not-eves.stl', model);
    const res = await stranger.c.delete(`/api/files/${id}`, { reason: 'tidying up' });
    expect(res.statusCode, res.body).toBe(404);
    expect(await fileExists(id)).toBe(true);
  });

  it('of the customer’s file by staff is refused: 400 without a reason, 403 with one', async () => {
    const id = await uploadWhole(app, customer, projectId, 'keep.stl', model);
    const bare = await staff.c.delete(`/api/files/${id}`);
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['body.reason']);
    const withReason = await staff.c.delete(`/api/files/${id}`, { reason: 'Duplicate of the repaired model' });
    expect(withReason.statusCode, withReason.body).toBe(403);
    expect(await fileExists(id)).toBe(true);
    expect(await auditEntries(app, 'files.deleted', id)).toEqual([]);
  });

  it('of the customer’s file by an admin needs a reason of 1 to 500 characters, kept in the audit entry', async () => {
    const id = await uploadWhole(app, customer, projectId, 'broken.stl', model);
    for (const body of [undefined, {}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await admin.c.delete(`/api/files/${id}`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['body.reason']);
    }
    expect(await fileExists(id)).toBe(true);

    const res = await admin.c.delete(`/api/files/${id}`, { reason: 'The customer asked by phone to remove it' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await fileExists(id)).toBe(false);
    const [entry] = await auditEntries(app, 'files.deleted', id);
    expect(entry?.subject_id).toBe(customer.id);
    expect(entry?.actor_id).toBe(admin.id);
    expect(entry?.details).toMatchObject({ onBehalf: true, reason: 'The customer asked by phone to remove it', projectId });
  });

  it('that staff uploaded themselves needs no reason', async () => {
    const id = await uploadWhole(app, staff, projectId, 'staff-own.stl', model);
    const res = await staff.c.delete(`/api/files/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditEntries(app, 'files.deleted', id))[0]?.details).toMatchObject({ onBehalf: false });
  });
});
