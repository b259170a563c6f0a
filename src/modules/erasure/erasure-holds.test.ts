import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { auditEntries, createProject, signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { uploadWhole } from '../files/files-test-support.js';
import { startSmtpCatcher } from '../rights/rights-test-support.js';

const stl = (marker: string) => Buffer.from(`solid ${marker}\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid ${marker}\n`);
type Certificate = { held: Array<{ table: string; rows: number; reason: string }> };

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let app: TestApp;
let officer: TestUser;
let carol: TestUser;
let dave: TestUser;
let claimProject: string;
let otherProject: string;
let claimObject: string;
let otherObject: string;
let daveObject: string;
let projectHold: string;
let personHold: string;

const count = async (query: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(app.db)).rows[0]?.n);
const objectOf = async (fileId: string) => (await app.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key;
const erasureRow = (id: string) => app.db.selectFrom('erasures').select(['status', 'user_id', 'certificate', 'certificate_text', 'progress']).where('id', '=', id).executeTakeFirstOrThrow();
const officerPrincipal = () => ({ userId: officer.id, sessionId: 'test', role: 'privacy_officer' as const });
const signInStatus = async (email: string) => (await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: TEST_PASSWORD } })).statusCode;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  app = await createTestApp({ MESHVAULT_SMTP_URL: smtp.url });
  await app.startJobs();
  officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  carol = await signedIn(app, 'customer', 'carol@example.com');
  dave = await signedIn(app, 'customer', 'dave@example.com');
  claimProject = await createProject(carol, { title: 'Carol claim' });
  claimObject = await objectOf(await uploadWhole(app, carol, claimProject, 'claim.stl', stl('CLAIM')));
  await carol.c.post(`/api/projects/${claimProject}/messages`, { body: 'The part cracked' });
  otherProject = await createProject(carol, { title: 'Carol bracket' });
  otherObject = await objectOf(await uploadWhole(app, carol, otherProject, 'bracket.stl', stl('BRACKET')));
  const daveProject = await createProject(dave, { title: 'Dave turbine' });
  daveObject = await objectOf(await uploadWhole(app, dave, daveProject, 'turbine.stl', stl('DAVE')));
  await app.jobs.drain();
  const opened = await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Warranty claim 2026-17', scope: 'project', scopeId: claimProject });
  expect(opened.statusCode, opened.body).toBe(201);
  projectHold = opened.json<{ id: string }>().id;
  const person = await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Investigation 44', scope: 'person', scopeId: dave.id });
  expect(person.statusCode, person.body).toBe(201);
  personHold = person.json<{ id: string }>().id;
});

afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

describe('erasure under legal holds', () => {
  let carolErasure: string;

  it('keeps a held project, its files and messages (and their stored objects) while the rest of the person goes', async () => {
    ({ erasureId: carolErasure } = await app.services.rights.eraseAccount(CLI_ACTOR, carol.id, { queue: false }));
    await app.services.rights.runErasure(carolErasure);
    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });

    expect(await count(`projects where id = '${claimProject}'`)).toBe(1);
    expect(await count(`files where project_id = '${claimProject}'`)).toBe(1);
    expect(await count(`project_messages where project_id = '${claimProject}'`)).toBeGreaterThan(0);
    expect(await storage.stat(claimObject)).not.toBeNull();
    // The rest of Carol is gone: her other project, its file and its object, her sessions.
    expect(await count(`projects where id = '${otherProject}'`)).toBe(0);
    expect(await storage.stat(otherObject)).toBeNull();
    expect(await count(`sessions where user_id = '${carol.id}'`)).toBe(0);
    expect((await carol.c.get('/api/me')).statusCode).toBe(401);
    // The held project names her account: the account row stays with it, and she cannot sign in to it.
    expect(await count(`users where id = '${carol.id}'`)).toBe(1);
    expect(await signInStatus('carol@example.com')).toBe(403);

    const erasure = await erasureRow(carolErasure);
    expect(erasure.status).toBe('completed');
    expect(erasure.user_id).toBe(carol.id);
    expect(erasure.progress.heldBy).toEqual([projectHold]);
    const held = (erasure.certificate as Certificate).held;
    expect(held.map((h) => h.table)).toEqual(expect.arrayContaining(['projects', 'files', 'project_messages', 'users']));
    expect(new Set(held.map((h) => h.reason))).toEqual(new Set(['Warranty claim 2026-17']));
    expect(erasure.certificate_text).toContain('What a legal hold keeps until it is released');
    expect(erasure.certificate_text).toContain('Warranty claim 2026-17');
    expect(erasure.certificate_text).not.toContain('Investigation 44');
    // The certificate e-mailed to her says the same.
    expect(smtp.messages.find((m) => m.to.includes('carol@example.com') && m.data.includes('Erasure certificate'))?.data).toContain('Warranty claim 2026-17');
    // Audited: what the hold kept, against the hold.
    const kept = await auditEntries(app, 'rights.erasure_held', projectHold);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('keeps every row of a person under a person hold, except their sign-in sessions', async () => {
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, dave.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });
    expect(await count(`users where id = '${dave.id}'`)).toBe(1);
    expect(await count(`projects where customer_id = '${dave.id}'`)).toBe(1);
    expect(await count(`files f join projects p on p.id = f.project_id where p.customer_id = '${dave.id}'`)).toBe(1);
    expect(await storage.stat(daveObject)).not.toBeNull();
    expect(await count(`sessions where user_id = '${dave.id}'`)).toBe(0);
    expect(await signInStatus('dave@example.com')).toBe(403);
    const erasure = await erasureRow(erasureId);
    expect(erasure.status).toBe('completed');
    expect(erasure.progress.heldBy).toEqual([personHold]);
    const held = (erasure.certificate as Certificate).held;
    expect(held.map((h) => h.table)).toEqual(expect.arrayContaining(['users', 'projects', 'files']));
    expect(new Set(held.map((h) => h.reason))).toEqual(new Set(['Investigation 44']));
    expect(erasure.certificate_text).toContain('Investigation 44');
  });

  it('erases what a hold kept once the hold is released, through the job', async () => {
    await app.services.holds.releaseLegalHold(officerPrincipal(), projectHold, { requestId: 'test' });
    expect((await auditEntries(app, 'legal_hold.released', projectHold)).length).toBe(1);
    const again = await app.db.selectFrom('erasures').select(['id', 'status']).where('user_id', '=', carol.id).where('id', '!=', carolErasure).execute();
    expect(again).toHaveLength(1);
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });

    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });
    expect(await count(`projects where id = '${claimProject}'`)).toBe(0);
    expect(await count(`files where project_id = '${claimProject}'`)).toBe(0);
    expect(await storage.stat(claimObject)).toBeNull();
    expect(await count(`users where id = '${carol.id}'`)).toBe(0);
    // Neither erasure names her any more; the new one kept nothing for a hold.
    expect(await count(`erasures where user_id = '${carol.id}'`)).toBe(0);
    const second = await erasureRow(again[0]!.id);
    expect(second.status).toBe('completed');
    expect((second.certificate as Certificate).held).toEqual([]);
    expect((await auditEntries(app, 'rights.erasure_completed')).length).toBeGreaterThanOrEqual(3);
    // Dave's investigation goes on: his data stays.
    expect(await count(`users where id = '${dave.id}'`)).toBe(1);
  });

  it('erases what a hold kept once its end date comes, without anyone releasing it', async () => {
    const erin = await signedIn(app, 'customer', 'erin@example.com');
    const erinProject = await createProject(erin, { title: 'Erin mount' });
    await uploadWhole(app, erin, erinProject, 'mount.stl', stl('ERIN'));
    await app.jobs.drain();
    const endsOn = new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const opened = await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Dispute 9', scope: 'person', scopeId: erin.id, endsOn });
    expect(opened.statusCode, opened.body).toBe(201);
    const holdId = opened.json<{ id: string }>().id;
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, erin.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await count(`projects where id = '${erinProject}'`)).toBe(1);

    expect(await app.services.holds.endLapsedHolds()).toEqual([]); // not yet
    app.clock.set(new Date(`${endsOn}T00:00:01Z`));
    expect(await app.services.holds.endLapsedHolds()).toEqual([holdId]);
    expect(await app.services.holds.endLapsedHolds()).toEqual([]); // once
    expect((await auditEntries(app, 'legal_hold.ended', holdId)).length).toBe(1);
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });
    expect(await count(`projects where id = '${erinProject}'`)).toBe(0);
    expect(await count(`users where id = '${erin.id}'`)).toBe(0);
    // The other holds have no end date: they are in force still.
    expect(await count(`users where id = '${dave.id}'`)).toBe(1);
  });
});
