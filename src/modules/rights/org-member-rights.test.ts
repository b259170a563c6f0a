import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithMembers, signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { unzipEntries } from './rights-test-support.js';

/**
 * Organisation administrators exporting and erasing their members' data, seen from the admin's
 * side: what they may list and download, and that nobody else learns anything. Jobs run only when
 * the test drains them (or runs an erasure itself), so each state (queued, ready, being erased) can be looked at.
 */
let app: TestApp;
let ann: TestUser; // admin of Alpha
let max: TestUser; // member of Alpha
let mia: TestUser; // member of Alpha, erased below
let ben: TestUser; // admin of Beta
let bea: TestUser; // member of Beta
let otto: TestUser; // in no organisation
let alpha: string;
let beta: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  const operator = await signedIn(app, 'admin', 'root@operator.test');
  ann = await signedIn(app, 'customer', 'ann@alpha.test');
  max = await signedIn(app, 'customer', 'max@alpha.test');
  mia = await signedIn(app, 'customer', 'mia@alpha.test');
  ben = await signedIn(app, 'customer', 'ben@beta.test');
  bea = await signedIn(app, 'customer', 'bea@beta.test');
  otto = await signedIn(app, 'customer', 'otto@example.test');
  alpha = await createOrgWithMembers(app, { operatorId: operator.id, name: 'Alpha Ltd', adminId: ann.id, adminEmail: ann.email, members: [max, mia] });
  beta = await createOrgWithMembers(app, { operatorId: operator.id, name: 'Beta GmbH', adminId: ben.id, adminEmail: ben.email, members: [bea] });
}, 60_000);
afterAll(async () => app?.dispose());

type MemberRights = {
  exports: Array<{ id: string; userId: string; memberName: string; status: string; sizeBytes: number | null; createdAt: string; completedAt: string | null; downloadedAt: string | null }>;
  erasures: Array<{ userId: string; requestedAt: string }>;
};

async function memberRights(who: TestUser, orgId: string) {
  const res = await who.c.get(`/api/orgs/${orgId}/member-rights`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MemberRights>();
}

const isoDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const audits = (action: string) => app.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('an organisation admin exporting a member\'s data', () => {
  let exportId: string;

  it('queues the export, tells the member, and lists it for the admin with the member\'s name (audited)', async () => {
    const res = await ann.c.post(`/api/orgs/${alpha}/members/${max.id}/export`);
    expect(res.statusCode, res.body).toBe(202);
    exportId = res.json<{ exportId: string }>().exportId;
    const notice = await latestMailTo(app, max.email);
    expect(notice.message.kind).toBe('rights.member_export_notice');
    expect(notice.message.subject).toContain('Alpha Ltd');

    const listed = await memberRights(ann, alpha);
    expect(listed.erasures).toEqual([]);
    expect(listed.exports).toHaveLength(1);
    const { createdAt, ...rest } = listed.exports[0]!;
    expect(rest).toEqual({ id: exportId, userId: max.id, memberName: 'Person max', status: 'queued', sizeBytes: null, completedAt: null, downloadedAt: null });
    expect(isoDate(createdAt)).toBe(true);
    const [entry] = (await audits('rights.member_exports_listed')).slice(-1);
    expect(entry).toMatchObject({ actor_id: ann.id, actor_role: 'org_admin', target_id: alpha });
    expect(entry?.details).toMatchObject({ orgId: alpha, userIds: [max.id], exportIds: [exportId] });
  });

  it('shows the export ready, and the admin downloads it through the usual single-use link', async () => {
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.export.v1': 1 }, failed: [] });
    const [ready] = (await memberRights(ann, alpha)).exports;
    expect(ready).toMatchObject({ id: exportId, status: 'ready' });
    expect(ready!.sizeBytes).toBeGreaterThan(0);
    expect(isoDate(ready!.completedAt)).toBe(true);

    const link = await ann.c.post(`/api/exports/${exportId}/link`);
    expect(link.statusCode, link.body).toBe(200);
    const download = await ann.c.get(link.json<{ url: string }>().url.replace(/^https?:\/\/[^/]+/, ''));
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    expect(zip.get('tables/users.csv')?.toString()).toContain('max@alpha.test');
    expect(isoDate((await memberRights(ann, alpha)).exports[0]?.downloadedAt)).toBe(true);
    expect(await audits('rights.export_downloaded_by_admin')).toEqual([expect.objectContaining({ actor_id: ann.id, subject_id: max.id, target_id: exportId })]);
  });

  it('lists only what this admin asked for, about members of this organisation', async () => {
    const res = await ben.c.post(`/api/orgs/${beta}/members/${bea.id}/export`);
    expect(res.statusCode, res.body).toBe(202);
    expect((await memberRights(ann, alpha)).exports.map((e) => e.userId)).toEqual([max.id]);
    expect((await memberRights(ben, beta)).exports.map((e) => e.userId)).toEqual([bea.id]);
    // The member asked for nothing, so they list nothing as an admin would, but see the export about them.
    const mine = await max.c.get('/api/me/exports');
    expect(mine.json<{ exports: Array<{ id: string }> }>().exports.map((e) => e.id)).toEqual([exportId]);
  });

  it('answers 404 to anyone else and for forged ids, 403 to a plain member, and records nothing', async () => {
    const before = { listed: (await audits('rights.member_exports_listed')).length, exports: (await audits('rights.export_requested')).length, erasures: (await audits('rights.erasure_requested')).length };
    for (const who of [ben, otto, bea]) expect((await who.c.get(`/api/orgs/${alpha}/member-rights`)).statusCode).toBe(404);
    expect((await max.c.get(`/api/orgs/${alpha}/member-rights`)).statusCode).toBe(403);
    expect((await ann.c.get(`/api/orgs/${randomUUID()}/member-rights`)).statusCode).toBe(404);
    expect((await ann.c.get(`/api/orgs/${beta}/member-rights`)).statusCode).toBe(404);
    expect((await ann.c.get('/api/orgs/not-an-id/member-rights')).statusCode).toBe(400);
    for (const userId of [randomUUID(), bea.id, otto.id, ann.id]) {
      expect((await ann.c.post(`/api/orgs/${alpha}/members/${userId}/export`)).statusCode, userId).toBe(404);
      expect((await ann.c.post(`/api/orgs/${alpha}/members/${userId}/erase`)).statusCode, userId).toBe(404);
    }
    expect((await ben.c.post(`/api/orgs/${alpha}/members/${max.id}/erase`)).statusCode).toBe(404);
    // Someone else's export stays out of reach even with its id.
    const [beasExport] = (await memberRights(ben, beta)).exports;
    expect((await ann.c.post(`/api/exports/${beasExport!.id}/link`)).statusCode).toBe(404);
    expect((await audits('rights.member_exports_listed')).length).toBe(before.listed + 1); // Ben's own listing just above
    expect((await audits('rights.export_requested')).length).toBe(before.exports);
    expect((await audits('rights.erasure_requested')).length).toBe(before.erasures);
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', 'in', [bea.id, otto.id, max.id]).where('revoked_at', 'is not', null).execute()).toEqual([]);
  });
});

describe('GET /api/me/exports', () => {
  it('answers in the API\'s camelCase, like the dashboard', async () => {
    const res = await max.c.get('/api/me/exports');
    expect(res.statusCode).toBe(200);
    const [first] = res.json<{ exports: Array<Record<string, unknown>> }>().exports;
    expect(Object.keys(first!).sort()).toEqual(['completedAt', 'createdAt', 'downloadedAt', 'id', 'sizeBytes', 'status']);
    expect(first?.status).toBe('ready');
    expect(first?.sizeBytes).toBeGreaterThan(0);
    expect(isoDate(first?.createdAt)).toBe(true);
  });
});

describe('an organisation admin erasing a member', () => {
  it('ends the member\'s sessions, shows them as being erased, refuses an export meanwhile, then they are gone', async () => {
    const res = await ann.c.post(`/api/orgs/${alpha}/members/${mia.id}/erase`);
    expect(res.statusCode, res.body).toBe(202);
    const { erasureId } = res.json<{ erasureId: string }>();
    expect((await mia.c.get('/api/me')).statusCode).toBe(401);
    expect(await audits('rights.erasure_requested')).toEqual([expect.objectContaining({ actor_id: ann.id, actor_role: 'org_admin', subject_id: mia.id, target_id: erasureId })]);

    const [erasing, ...others] = (await memberRights(ann, alpha)).erasures;
    expect(others).toEqual([]);
    expect(erasing?.userId).toBe(mia.id);
    expect(isoDate(erasing?.requestedAt)).toBe(true);
    expect((await memberRights(ben, beta)).erasures).toEqual([]);
    const again = await ann.c.post(`/api/orgs/${alpha}/members/${mia.id}/export`);
    expect(again.statusCode, again.body).toBe(409);

    // Stopped after its first table (as a killed worker would be): the certificate has left, the
    // member is still listed as being erased, and the run resumes to the end.
    const stop = new Error('stopped after the first table');
    await expect(
      app.services.rights.runErasure(erasureId, {
        afterTable: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const certificate = await latestMailTo(app, mia.email);
    expect(certificate.message.kind).toBe('rights.erasure_certificate');
    expect(certificate.message.body_text).toContain('your organisation administrator');
    expect((await memberRights(ann, alpha)).erasures.map((e) => e.userId)).toEqual([mia.id]);
    await app.services.rights.runErasure(erasureId);

    expect((await memberRights(ann, alpha)).erasures).toEqual([]);
    const members = (await ann.c.get(`/api/orgs/${alpha}/members`)).json<{ members: Array<{ userId: string }> }>().members.map((m) => m.userId);
    expect(members).toEqual([ann.id, max.id]);
    await expect(app.services.accounts.signIn({ email: mia.email, password: TEST_PASSWORD }, { requestId: 'test' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
