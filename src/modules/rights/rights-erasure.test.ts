import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../../app-paths.js';
import { createApp } from '../../app.js';
import type { Database } from '../../database.js';
import { createBackup, restoreBackup } from '../../platform/backup/index.js';
import { migrateToLatest } from '../../platform/db/index.js';
import { createLogger } from '../../platform/log/index.js';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { installationRegistry } from '../../registry.js';
import { createProject, signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { wrongToken } from '../../test-support/wrong-token.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { uploadWhole } from '../files/files-test-support.js';
import { isPersonal } from '../../platform/registry/index.js';
import { LEDGER_FILE_NAME } from '../erasure/index.js';
import { insertAcceptedQuote, startSmtpCatcher, valuesLeftBehind } from './rights-test-support.js';
import { readForeignKeys } from '../subject-data/index.js';

const stl = (marker: string) => Buffer.from(`solid ${marker}\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid ${marker}\n`);
const passphrase = 'a long backup passphrase';

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let dave: TestUser;
let archive: string;
const aliceValues: string[] = [];
const aliceObjects: string[] = [];
const aliceFileIds: string[] = [];
let bobRowsBefore: number;

/** Every row of every registry table that is Bob's or names him: erasing Alice must not change it. */
async function bobFootprint() {
  const r = await sql<{ n: number }>`select
    (select count(*) from projects where customer_id = ${bob.id}) + (select count(*) from files f join projects p on p.id = f.project_id where p.customer_id = ${bob.id})
    + (select count(*) from project_messages m join projects p on p.id = m.project_id where p.customer_id = ${bob.id}) + (select count(*) from users where id = ${bob.id})
    + (select count(*) from sessions where user_id = ${bob.id}) as n`.execute(app.db);
  return Number(r.rows[0]?.n);
}

const erasureStatus = async (id: string) => (await app.db.selectFrom('erasures').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  app = await createTestApp({ MESHVAULT_SMTP_URL: smtp.url });
  await app.startJobs();
  alice = await signedIn(app, 'customer', 'alice@example.com');
  bob = await signedIn(app, 'customer', 'bob@example.net');
  dave = await signedIn(app, 'customer', 'dave@example.com');
  await alice.c.patch('/api/me', { phone: '+44 20 7946 0001', company: 'Alice Widgets Unlimited' });
  aliceValues.push(alice.id, 'alice@example.com', 'Person alice', '+44 20 7946 0001', 'Alice Widgets Unlimited');
  for (const title of ['Alice gearbox housing', 'Alice bracket mount']) {
    const projectId = await createProject(alice, { title });
    const fileId = await uploadWhole(app, alice, projectId, `${title.replace(/ /g, '-')}.stl`, stl(`ALICE ${title}`));
    aliceObjects.push((await app.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key);
    aliceFileIds.push(fileId);
    await alice.c.post(`/api/projects/${projectId}/messages`, { body: `Alice question about ${title}` });
    await insertAcceptedQuote(app, projectId, alice.id, app.clock.now());
    aliceValues.push(title, `Alice question about ${title}`, `${title.replace(/ /g, '-')}.stl`);
  }
  // Held under her address only: an invitation and a request from the public form.
  await sql`insert into organisations (id, name, created_at) values ('00000000-0000-4000-8000-000000000001', 'Invite Org', now())`.execute(app.db);
  await sql`insert into organisation_invitations (id, org_id, email, token_hash, invited_by, created_at, expires_at) values (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'alice@example.com', 'hash-for-test', ${bob.id}, now(), now() + interval '7 days')`.execute(app.db);
  expect((await app.http.inject({ method: 'POST', url: '/api/rights/requests', payload: { name: 'Person alice', email: 'alice@example.com', kind: 'access', jurisdiction: 'eu', details: 'Alice request details' } })).statusCode).toBe(202);
  aliceValues.push('Alice request details');
  await alice.c.post('/api/me/opt-outs/marketing');
  const bobProject = await createProject(bob, { title: 'Bob turbine' });
  await uploadWhole(app, bob, bobProject, 'turbine.stl', stl('BOB'));
  await bob.c.post(`/api/projects/${bobProject}/messages`, { body: 'Bob message' });
  // The uploads' analyses, so that only the jobs the tests start are left to run.
  expect(await app.jobs.drain()).toEqual({ completed: { 'files.analyze.v1': 3 }, failed: [] });
  // The analyses made a preview of each file: stored objects of hers as well, erased with the files.
  const previews = await app.db.selectFrom('file_previews').select('storage_key').where('file_id', 'in', aliceFileIds).execute();
  expect(previews).toHaveLength(2);
  aliceObjects.push(...previews.map((p) => p.storage_key));
  bobRowsBefore = await bobFootprint();

  archive = join(app.config.dataDir, 'before-erasure.mvb');
  await createBackup({ database: app.database, dataDir: app.config.dataDir, include: ['files'], passphrase, outFile: archive, appVersion: 'test', now: app.clock.now });
}, 60_000);
afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

describe('the registry and the schema agree on what erasure keeps', () => {
  it('no row kept under a legal duty is deleted by a cascade from a row erasure deletes', async () => {
    const registry = installationRegistry();
    const problems: string[] = [];
    for (const fk of await readForeignKeys(app.db as unknown as Kysely<unknown>)) {
      const child = registry[fk.table];
      const parent = registry[fk.refTable];
      if (!fk.cascades || !child || !parent) continue;
      const keepsChild = Object.values(child.columns).some((c) => isPersonal(c) && c.erase === 'keep-legal-duty');
      const deletesParent = Object.values(parent.columns).some((c) => isPersonal(c) && c.erase === 'delete-row');
      if (keepsChild && deletesParent) problems.push(`${fk.table}.${fk.column} -> ${fk.refTable}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('erasure', () => {
  let erasureId: string;
  let token: string;

  it('resumes after a crash between tables and finishes through the job', async () => {
    ({ erasureId, token } = await app.services.rights.eraseAccount(CLI_ACTOR, alice.id, { queue: false }));
    let crashed = false;
    await expect(
      app.services.rights.runErasure(erasureId, {
        afterTable: () => {
          if (!crashed) {
            crashed = true;
            throw new Error('simulated crash after the first table');
          }
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    const midway = await app.db.selectFrom('erasures').select(['status', 'progress']).where('id', '=', erasureId).executeTakeFirstOrThrow();
    expect(midway.status).toBe('running');
    expect(midway.progress.done).toHaveLength(1);
    expect(midway.progress.done[0]).toBe('sessions');
    expect(await app.db.selectFrom('users').select('id').where('id', '=', alice.id).executeTakeFirst()).toBeDefined();
    // Signed out at once: the sessions table went first.
    expect((await alice.c.get('/api/me')).statusCode).toBe(401);
    // Until the account row goes, nobody can sign in to it again nor reset its password.
    const signIn = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'alice@example.com', password: TEST_PASSWORD } });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json<{ reason: string }>().reason).toBe('being_erased');
    const mailsBefore = await app.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'alice@example.com').execute();
    expect((await app.http.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'alice@example.com' } })).statusCode).toBe(202);
    expect(await app.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'alice@example.com').execute()).toHaveLength(mailsBefore.length);

    await app.jobs.send(app.services.rights.erasureJob, { erasureId });
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });
    expect(await erasureStatus(erasureId)).toBe('completed');
    expect(await app.db.selectFrom('users').select('id').where('id', '=', alice.id).executeTakeFirst()).toBeUndefined();
    // Idempotent: running it again changes nothing.
    await app.services.rights.runErasure(erasureId);
  });

  it('e-mailed the certificate before the address was erased, and keeps it by its link', async () => {
    const mail = smtp.messages.find((m) => m.to.includes('alice@example.com') && m.data.includes('Erasure certificate'));
    expect(mail?.data).toContain('What we keep, why, and until when');
    const res = await app.http.inject({ method: 'GET', url: `/api/erasures/${erasureId}?token=${token}` });
    expect(res.statusCode, res.body).toBe(200);
    type Cert = { removed: Array<{ category: string; rows: number }>; kept: Array<{ table: string; category: string; reason: string; until: string | null }>; objectsShredded: Array<{ table: string; objects: number }>; sessionsRevoked: number };
    const body = res.json<{ status: string; certificate: Cert; certificateText: string }>();
    expect(body.status).toBe('completed');
    // Two models and their two previews, each counted once though the upload shared the model's object.
    expect(body.certificate.objectsShredded).toEqual([{ table: 'file_previews', objects: 2 }, { table: 'files', objects: 2 }]);
    expect(body.certificate.sessionsRevoked).toBe(1);
    expect(body.certificate.removed.map((r) => r.category)).toEqual(expect.arrayContaining(['contact.email', 'project.files', 'project.specifications']));
    const year = app.clock.now().getUTCFullYear();
    expect(body.certificate.kept).toContainEqual(expect.objectContaining({ table: 'quotes', category: 'billing.transaction', reason: 'prices offered and accepted are accounting records', until: `${year + 7}-12-31` }));
    for (const v of aliceValues) expect(body.certificateText.includes(v), v).toBe(false);
    expect((await app.http.inject({ method: 'GET', url: `/api/erasures/${erasureId}?token=${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}` })).statusCode).toBe(404);
    expect((await app.http.inject({ method: 'GET', url: `/api/erasures/${erasureId}?token=${wrongToken(token)}` })).statusCode).toBe(404);
  });

  it('leaves no value of the person in any classified column except those kept with a stated reason', async () => {
    expect(await valuesLeftBehind(app.db as unknown as Kysely<unknown>, aliceValues)).toEqual([]);
    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });
    for (const key of aliceObjects) expect(await storage.stat(key), key).toBeNull();
    expect(await bobFootprint()).toBe(bobRowsBefore);
    const ledger = readFileSync(join(app.config.dataDir, LEDGER_FILE_NAME), 'utf8');
    expect(ledger).not.toContain(alice.id);
    expect(ledger).not.toContain('alice@example.com');
  });

  it('erases a signed-in person who asks, with their password, through the job', async () => {
    expect((await dave.c.post('/api/me/erasure', { password: 'wrong password' })).statusCode).toBe(403);
    expect((await bob.c.get(`/api/erasures/${erasureId}?token=nope`)).statusCode).toBe(404);
    const res = await dave.c.post('/api/me/erasure', { password: 'correct horse battery staple' });
    expect(res.statusCode, res.body).toBe(202);
    const { erasureId: daveErasure } = res.json<{ erasureId: string }>();
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });
    expect(await erasureStatus(daveErasure)).toBe('completed');
    expect(await app.db.selectFrom('users').select('id').where('id', '=', dave.id).executeTakeFirst()).toBeUndefined();
    expect(smtp.messages.some((m) => m.to.includes('dave@example.com') && m.data.includes('Erasure certificate'))).toBe(true);
    expect((await bob.c.get('/api/me')).statusCode).toBe(200);
  });

  it('erases them again when a backup from before is restored and the ledger replayed', async () => {
    const target = await openTestDatabase<Database>();
    const restoreDir = mkdtempSync(join(tmpdir(), 'meshvault-rights-restore-'));
    try {
      await migrateToLatest(target.db, MODULES_DIR);
      await restoreBackup({ database: target, dataDir: restoreDir, passphrase, inFile: archive, skipTables: ['kysely_migration', 'kysely_migration_lock'] });
      expect(await target.db.selectFrom('users').select('id').where('id', 'in', [alice.id, dave.id]).execute()).toHaveLength(2);
      // The same installation (data directory: master key and ledger file) on the restored database.
      const restored = await createApp({ config: app.config, log: createLogger('silent'), database: target, now: app.clock.now });
      try {
        const result = await restored.services.rights.replayErasures();
        expect(result.erased.sort()).toEqual([alice.id, dave.id].sort());
        expect(await target.db.selectFrom('users').select('id').where('id', 'in', [alice.id, dave.id]).execute()).toEqual([]);
        expect(await target.db.selectFrom('users').select('id').where('id', '=', bob.id).execute()).toHaveLength(1);
        expect(await target.db.selectFrom('projects').select('id').where('customer_id', '=', alice.id).execute()).toEqual([]);
        expect(await target.db.selectFrom('erasure_ledger').select('id').execute()).toHaveLength(2);
        expect((await restored.services.rights.replayErasures()).erased).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      await target.close();
      rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  it('queues again, when a worker starts, an erasure whose in-process run was killed', async () => {
    const carol = await signedIn(app, 'customer', 'carol@example.com');
    // `meshvault erasure run` records the erasure without a job and runs it in its own process.
    const { erasureId: carolErasure } = await app.services.rights.eraseAccount(CLI_ACTOR, carol.id, { queue: false });
    expect(await app.jobs.countQueued(app.services.rights.erasureJob)).toBe(0);
    expect(await app.services.rights.resumeUnfinishedErasures()).toBe(1);
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });
    expect(await erasureStatus(carolErasure)).toBe('completed');
    expect(await app.db.selectFrom('users').select('id').where('id', '=', carol.id).executeTakeFirst()).toBeUndefined();
    expect(await app.services.rights.resumeUnfinishedErasures()).toBe(0);
  });
});
