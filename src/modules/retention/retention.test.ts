import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log/index.js';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { installationRegistry } from '../../registry.js';
import { acceptPolicy, createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { uploadWhole } from '../files/files-test-support.js';
import { manifestVariant } from '../privacy/test-manifests.js';
import { verifyAuditChain } from '../audit/index.js';
import { createRetentionDeps, retentionUseCases } from './index.js';

const DAY = 24 * 3600 * 1000;
const stl = (marker: string) => Buffer.from(`solid ${marker}\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid ${marker}\n`);

/** The default manifest with periods of days: the test moves the clock across them. */
const shortPeriods = manifestVariant((doc) => {
  for (const rule of doc.retention as Array<{ categories: string[]; duration: string; end_action: string }>) {
    if (rule.categories.includes('project.files')) rule.duration = 'P10D';
    else if (rule.categories.includes('account.id')) rule.duration = 'P30D';
    else if (rule.categories.includes('credentials.session')) rule.duration = 'P60D';
    else if (rule.categories.includes('communications.notices')) {
      rule.duration = 'P5D';
      rule.end_action = 'aggregate';
    }
  }
});

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let t0: Date;
let aliceProject: string;
let bobProject: string;
let aliceObject: string;
let carol: TestUser;
let carolProject: string;
let dave: TestUser;
let officer: TestUser;
let projectHold: string;

const count = async (query: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(app.db)).rows[0]?.n);

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putPolicyInForce(app, shortPeriods);
  alice = await signedIn(app, 'customer', 'alice@example.com');
  bob = await signedIn(app, 'customer', 'bob@example.com');
  aliceProject = await createProject(alice, { title: 'Alice gearbox' });
  const fileId = await uploadWhole(app, alice, aliceProject, 'gearbox.stl', stl('ALICE'));
  aliceObject = (await app.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key;
  await alice.c.post(`/api/projects/${aliceProject}/messages`, { body: 'Alice question' });
  bobProject = await createProject(bob, { title: 'Bob turbine' });
  await uploadWhole(app, bob, bobProject, 'turbine.stl', stl('BOB'));
  carol = await signedIn(app, 'customer', 'carol@example.com');
  carolProject = await createProject(carol, { title: 'Carol claim' });
  await uploadWhole(app, carol, carolProject, 'claim.stl', stl('CAROL'));
  dave = await signedIn(app, 'customer', 'dave@example.com');
  officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  await app.jobs.drain();
  t0 = app.clock.now();
  await app.db.updateTable('projects').set({ status: 'completed', completed_at: t0 }).where('id', '=', carolProject).execute();
  // A claim about Carol's project, and an investigation about Dave: their data is kept meanwhile.
  const opened = await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Warranty claim 2026-17', scope: 'project', scopeId: carolProject });
  expect(opened.statusCode, opened.body).toBe(201);
  projectHold = opened.json<{ id: string }>().id;
  expect((await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Investigation 44', scope: 'person', scopeId: dave.id })).statusCode).toBe(201);
  expect((await bob.c.post('/api/privacy-officer/legal-holds', { reason: 'Not mine to open', scope: 'person', scopeId: dave.id })).statusCode).toBe(403);
  // Alice's project is completed now; Bob's is not.
  await app.db.updateTable('projects').set({ status: 'completed', completed_at: t0 }).where('id', '=', aliceProject).execute();
  // Mail of the day (welcome, sign-in links) and twelve older notices of a month before.
  for (let i = 0; i < 12; i++) {
    await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts)
      values (gen_random_uuid(), ${bob.id}, 'bob@example.com', 'Notice', 'Body', 'policy_notice', ${new Date(t0.getTime() - 30 * DAY)}, 0)`.execute(app.db);
  }
}, 60_000);

afterAll(async () => app?.dispose());

describe('retention, driven by the registry and the manifest', () => {
  it('plans by table, category and rule, and removes nothing before a period ends', async () => {
    app.clock.set(new Date(t0.getTime() + 10 * DAY - 60_000));
    const plan = await app.services.retention.planRetention();
    expect(plan.items.find((i) => i.category.startsWith('project.'))).toBeUndefined();
    const notices = plan.items.find((i) => i.table === 'mail_outbox');
    expect(notices).toMatchObject({ category: 'communications.notices', endAction: 'aggregate', effect: 'delete rows' });
    // The twelve old notices, and the mail of sign-up day (older than five days too).
    expect(notices!.rows).toBeGreaterThanOrEqual(12);

    const before = await count('files');
    const result = await app.services.retention.runRetention();
    expect(await count('files')).toBe(before);
    expect(await count(`projects where id = '${aliceProject}'`)).toBe(1);
    expect(result.certificate.disposed.find((d) => d.table === 'mail_outbox')?.rows).toBe(notices!.rows);
    expect(await count('mail_outbox')).toBe(0);
    // Aggregated: counts by month stay, the people do not.
    // (The people's acceptances of the policy, consent.record under this manifest, are aggregated by their own rule.)
    const kept = await app.db.selectFrom('retention_aggregates').selectAll().where('table_name', '=', 'mail_outbox').execute();
    expect(kept.reduce((n, r) => n + Number(r.rows), 0)).toBe(notices!.rows);
    expect(kept.every((r) => r.category === 'communications.notices' && r.table_name === 'mail_outbox')).toBe(true);
  });

  it('removes a completed project with its files (crypto-shredded) and messages once its period ends', async () => {
    const storage = createLocalStorageDriver({ rootDir: app.config.filesDir });
    expect(await storage.exists(aliceObject)).toBe(true);
    app.clock.set(new Date(t0.getTime() + 10 * DAY + 60_000));
    const plan = await app.services.retention.planRetention();
    expect(plan.items.find((i) => i.table === 'files')).toMatchObject({ category: 'project.files', rows: 1, files: true });
    const result = await app.services.retention.runRetention();
    expect(await count(`projects where id = '${aliceProject}'`)).toBe(0);
    expect(await count(`files where project_id = '${aliceProject}'`)).toBe(0);
    expect(await count(`project_messages where project_id = '${aliceProject}'`)).toBe(0);
    expect(await storage.exists(aliceObject)).toBe(false);
    // The model and its light preview, each under its own key.
    expect(result.certificate.totalFiles).toBe(2);
    expect(result.certificate.disposed.find((d) => d.table === 'file_previews')).toMatchObject({ rows: 1, files: 1 });
    // Bob's project is not completed; both accounts are within their 30 days.
    expect(await count(`projects where id = '${bobProject}'`)).toBe(1);
    expect(await count(`files where project_id = '${bobProject}'`)).toBe(1);
    // The notices about Bob's open project follow the project's clock, not their own date.
    expect(await count(`notifications where project_id = '${bobProject}'`)).toBeGreaterThan(0);
    expect(await count(`notifications where project_id = '${aliceProject}'`)).toBe(0);
    expect(await count(`users where id in ('${alice.id}', '${bob.id}')`)).toBe(2);
    // Held: Carol's completed project keeps its file and messages.
    expect(await count(`files where project_id = '${carolProject}'`)).toBe(1);
    expect(await count(`projects where id = '${carolProject}'`)).toBe(1);
    // A second run finds nothing left to do, and still certifies that.
    const again = await app.services.retention.runRetention();
    expect(again.certificate.totalRows).toBe(0);
  });

  it('signs each certificate into the audit chain, and officers list and download them', async () => {
    const certificates = await app.services.retention.listDisposalCertificates(null);
    expect(certificates.length).toBe(3);
    const entries = await app.db.selectFrom('audit_log').select(['details', 'target_id']).where('action', '=', 'retention.certified').execute();
    expect(entries.map((e) => (e.details as { sha256: string }).sha256).sort()).toEqual(certificates.map((c) => c.sha256).sort());
    expect((await verifyAuditChain(app.db)).ok).toBe(true);

    // Retention removed the officer's policy acceptance with the other consent records (P5D here), so the
    // officer is asked to accept the policy again before anything else.
    const asked = await officer.c.get('/api/privacy-officer/retention/certificates');
    expect(asked.statusCode).toBe(403);
    expect(asked.json<{ reason: string }>().reason).toBe('policy_acceptance_required');
    await acceptPolicy(app, officer.c);
    const list = await officer.c.get('/api/privacy-officer/retention/certificates');
    expect(list.statusCode, list.body).toBe(200);
    const download = await officer.c.get(`/api/privacy-officer/retention/certificates/${certificates[1]!.runId}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('Meshvault disposal certificate');
    expect(download.body).toContain(certificates[1]!.sha256);
    expect((await bob.c.get('/api/privacy-officer/retention/certificates')).statusCode).toBe(403);
  });

  it('a run stopped between batches resumes as of the same moment and ends with one certificate', async () => {
    // Accounts go 30 days after their last activity, with what hangs under them — but Bob's project
    // is not completed: his account waits for it, rather than take it along before its period ends.
    app.clock.set(new Date(t0.getTime() + 40 * DAY));
    // The claim is settled: its hold is released (audited); Dave's investigation goes on.
    // (Forty days on, the officer's session has expired: the release goes through the use-case.)
    await app.services.holds.releaseLegalHold({ userId: officer.id, sessionId: 'test', role: 'privacy_officer' }, projectHold, { requestId: 'test' });
    expect(await app.db.selectFrom('audit_log').select('action').where('target_id', '=', projectHold).orderBy('id').execute()).toEqual([{ action: 'legal_hold.opened' }, { action: 'legal_hold.released' }]);
    const plan = await app.services.retention.planRetention();
    const planned = plan.items.filter((i) => !i.enforcedBy && i.effect === 'delete rows' && i.table === 'users');
    // Alice and Carol; not Bob (his project is open), not Dave (held), not the officer (active on day ten).
    expect(planned[0]?.rows).toBe(2);
    let batches = 0;
    const crashing = createRetentionDeps({
      db: app.db,
      uow: app.uow,
      now: app.clock.now,
      log: createLogger('silent'),
      registry: installationRegistry(),
      policy: app.services.policy,
      fileVault: { storage: createLocalStorageDriver({ rootDir: app.config.filesDir }) },
      jobs: app.jobs,
      batchRows: 1,
      afterBatch: () => {
        if (++batches === 3) throw new Error('killed');
      },
    });
    await expect(retentionUseCases.runRetention(crashing)).rejects.toThrow('killed');
    const before = await app.services.retention.listDisposalCertificates(null);
    const resumed = await app.services.retention.runRetention();
    expect(resumed.resumed).toBe(true);
    expect(await app.services.retention.listDisposalCertificates(null)).toHaveLength(before.length + 1);
    expect(await count(`users where id = '${alice.id}'`)).toBe(0);
    expect(await count(`users where id = '${bob.id}'`)).toBe(1);
    expect(await count(`users where id = '${carol.id}'`)).toBe(0);
    expect(await count(`files where project_id = '${carolProject}'`)).toBe(0);
    expect(await count(`users where id = '${dave.id}'`)).toBe(1);
    expect(await count(`sessions where user_id = '${dave.id}'`)).toBeGreaterThan(0);
    expect(await count(`files where project_id = '${bobProject}'`)).toBe(1);
    expect((await app.services.retention.planRetention()).items.filter((i) => !i.enforcedBy)).toEqual([]);
    const usersDisposed = resumed.certificate.disposed.filter((d) => d.table === 'users').reduce((n, d) => n + d.rows, 0);
    expect(usersDisposed).toBe(planned.reduce((n, i) => n + i.rows, 0));
  });
});
