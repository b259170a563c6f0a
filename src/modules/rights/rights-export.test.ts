import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationRegistry } from '../../registry.js';
import { auditEntries, createProject, customerWithFile, signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { uploadWhole } from '../files/files-test-support.js';
import { SYSTEM_ACTOR, type Work } from '../../platform/unit-of-work/index.js';
import { assertProcessingAllowed, isProcessingAllowed } from '../egress/index.js';
import { countPersonRows, readForeignKeys, subjectScopes } from '../subject-data/index.js';
import { insertAcceptedQuote, unzipEntries } from './rights-test-support.js';
import type { Kysely } from 'kysely';

const stl = (marker: string) => Buffer.from(`solid ${marker}\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid ${marker}\n`);

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let orgId: string;
const aliceFiles = new Map<string, Buffer>();

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  alice = await signedIn(app, 'customer', 'alice@example.com');
  carol = await signedIn(app, 'customer', 'carol@example.org');
  await alice.c.patch('/api/me', { phone: '+44 20 7946 0001', company: 'Alice Widgets' });
  for (const [title, name] of [['Alice gearbox', 'gear-a.stl'], ['Alice bracket', 'bracket-a.stl']] as const) {
    const projectId = await createProject(alice, { title });
    const bytes = stl(`ALICE-${name}`);
    const fileId = await uploadWhole(app, alice, projectId, name, bytes);
    aliceFiles.set(fileId, bytes);
    expect((await alice.c.post(`/api/projects/${projectId}/messages`, { body: `Alice asks about ${title}` })).statusCode).toBe(201);
    await insertAcceptedQuote(app, projectId, alice.id, app.clock.now());
  }
  const bobs = await customerWithFile(app, { email: 'bob@example.net', project: { title: 'Bob secret turbine' }, file: { name: 'turbine-b.stl', bytes: stl('BOB-TURBINE-SECRET') } });
  bob = bobs.customer;
  await bob.c.post(`/api/projects/${bobs.projectId}/messages`, { body: 'Bob private message' });
  // Carol administers an organisation Alice belongs to; Bob is outside it.
  orgId = (await sql<{ id: string }>`insert into organisations (id, name, created_at) values (gen_random_uuid(), 'Widgets Ltd', now()) returning id`.execute(app.db)).rows[0]!.id;
  await sql`insert into organisation_members (org_id, user_id, role, status, joined_at) values (${orgId}, ${carol.id}, 'admin', 'active', now()), (${orgId}, ${alice.id}, 'member', 'active', now())`.execute(app.db);
  // The uploads' analyses, so that only the jobs the tests start are left to run.
  expect(await app.jobs.drain()).toEqual({ completed: { 'files.analyze.v1': 3 }, failed: [] });
}, 60_000);
afterAll(async () => app?.dispose());

/** Runs the one export job queued, now: the export is then ready. */
async function runExport(id: string) {
  expect(await app.jobs.drain()).toEqual({ completed: { 'rights.export.v1': 1 }, failed: [] });
  expect(await app.db.selectFrom('data_exports').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'ready', error: null });
}

/** The mailed link: the web page of the export, whose token the page hands to the download. */
async function linkFromMail(to: string): Promise<{ page: string; download: string; info: string }> {
  const [message] = await app.services.mail.list({ limit: 1, to });
  const match = /https?:\/\/\S+?(\/account\/exports\/([\w-]+)\?token=([\w.-]+))/.exec(message?.body_text ?? '');
  if (!match) throw new Error(`no export link mailed to ${to}`);
  const [, page, id, token] = match;
  return { page: page!, download: `/api/exports/${id}/download?token=${token}`, info: `/api/exports/${id}?token=${token}` };
}

describe('export (access and portability)', () => {
  let exportId: string;
  let link: string;
  let zip: Map<string, Buffer>;
  const before = new Map<string, number>();
  const scopesNow = async () => subjectScopes(installationRegistry(), await readForeignKeys(app.db as unknown as Kysely<unknown>));
  const rowsOf = (scope: Awaited<ReturnType<typeof scopesNow>>[number]) => countPersonRows(app.db as unknown as Kysely<unknown>, scope, { userId: alice.id, email: 'alice@example.com' });

  it('builds a ZIP by job and mails a link that downloads it once', async () => {
    for (const scope of await scopesNow()) before.set(scope.table, await rowsOf(scope));
    const res = await alice.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    exportId = res.json<{ id: string }>().id;
    await runExport(exportId);
    const mailed = await linkFromMail('alice@example.com');
    expect((await app.services.mail.list({ limit: 1, to: 'alice@example.com' }))[0]?.body_text).not.toContain('/api/');
    expect(mailed.page).toMatch(new RegExp(`^/account/exports/${exportId}\\?token=`));
    link = mailed.download;
    // The page shows the export and until when the link works, consuming nothing; only its owner may look.
    const info = await alice.c.get(mailed.info);
    expect(info.statusCode, info.body).toBe(200);
    const shown = info.json<{ id: string; status: string; sizeBytes: number | null; linkExpiresAt: string; downloadedAt: string | null }>();
    expect(shown).toMatchObject({ id: exportId, status: 'ready', downloadedAt: null });
    expect(shown.sizeBytes).toBeGreaterThan(0);
    expect(new Date(shown.linkExpiresAt).getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect((await bob.c.get(mailed.info)).statusCode).toBe(404);
    expect((await alice.c.get(`/api/exports/${exportId}?token=x`)).statusCode).toBe(403);
    const download = await alice.c.get(link);
    expect(download.statusCode, download.body.slice(0, 300)).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    zip = await unzipEntries(download.rawPayload);
    expect((await auditEntries(app, 'rights.export_downloaded', exportId)).length).toBe(1);
  });

  it('holds every row the registry lists for the person, their decrypted files and a README', async () => {
    expect(zip.get('README.txt')?.toString()).toContain('tables/projects.csv');
    const tablesWithRows: string[] = [];
    for (const scope of await scopesNow()) {
      const rows = await rowsOf(scope);
      if (rows === 0) continue;
      tablesWithRows.push(scope.table);
      const csv = zip.get(`tables/${scope.table}.csv`)?.toString();
      expect(csv, `tables/${scope.table}.csv`).toBeDefined();
      // Header plus one line per row (no value in these fixtures holds a line break).
      const exported = csv!.trimEnd().split('\r\n').length - 1;
      // Asking for the export itself adds audit entries, mail and the export's own row while it is built.
      if (['audit_log', 'mail_outbox', 'data_exports'].includes(scope.table)) {
        expect(exported, scope.table).toBeGreaterThanOrEqual(before.get(scope.table) ?? 0);
        expect(exported, scope.table).toBeLessThanOrEqual(rows);
      } else expect(exported, scope.table).toBe(rows);
    }
    expect(tablesWithRows).toEqual(expect.arrayContaining(['users', 'projects', 'files', 'project_messages', 'quotes', 'audit_log', 'sessions']));
    for (const [fileId, bytes] of aliceFiles) {
      const entry = [...zip.keys()].find((k) => k.startsWith('files/') && k.includes(fileId));
      expect(entry, fileId).toBeDefined();
      expect(zip.get(entry!)!.equals(bytes)).toBe(true);
    }
    const contact = JSON.parse(zip.get('data/contact.email.json')!.toString()) as { purposes: unknown[]; tables: Record<string, { rows: Array<Record<string, unknown>> }> };
    expect(contact.purposes.length).toBeGreaterThan(0);
    expect(contact.tables.users?.rows[0]?.email).toBe('alice@example.com');
    const users = zip.get('tables/users.csv')!.toString();
    expect(users).not.toContain('password_hash');
    expect(users).not.toContain('$argon2');
  });

  it('holds nothing of anyone else', () => {
    const everything = Buffer.concat([...zip.values()]).toString('latin1');
    for (const foreign of [bob.id, 'bob@example.net', 'Bob secret turbine', 'BOB-TURBINE-SECRET', 'Bob private message', carol.id, 'carol@example.org']) {
      expect(everything.includes(foreign), foreign).toBe(false);
    }
  });

  it('refuses a replayed, forged, expired or someone else\'s link', async () => {
    expect((await alice.c.get(link)).statusCode).toBe(410);
    // The page says so too, before anyone presses Download.
    expect((await alice.c.get(link.replace('/download?', '?'))).statusCode).toBe(410);
    const fresh = (await alice.c.post(`/api/exports/${exportId}/link`)).json<{ url: string }>().url.replace(/^https?:\/\/[^/]+/, '');
    expect((await bob.c.get(fresh)).statusCode).toBe(404);
    const forged = fresh.replace(/\.([\w-]+)$/, (_m, sig: string) => `.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    expect((await alice.c.get(forged)).statusCode).toBe(403);
    const longer = fresh.replace(/token=([\w-]+)\.(\d+)\./, (_m, nonce: string, exp: string) => `token=${nonce}.${Number(exp) + 86400}.`);
    expect((await alice.c.get(longer)).statusCode).toBe(403);
    expect((await alice.c.get(`/api/exports/${exportId}/download?token=x`)).statusCode).toBe(403);
    expect((await bob.c.post(`/api/exports/${exportId}/link`)).statusCode).toBe(404);
    app.clock.advance(25 * 3600_000);
    try {
      expect((await alice.c.get(fresh)).statusCode).toBe(410);
    } finally {
      app.clock.advance(-25 * 3600_000);
    }
  });

  it('sends a signed-out browser that opens an old mailed link (to the API) to the page, and API callers a 401', async () => {
    const fresh = (await alice.c.post(`/api/exports/${exportId}/link`)).json<{ url: string }>().url.replace(/^https?:\/\/[^/]+/, '');
    const token = new URL(fresh, 'http://x').searchParams.get('token')!;
    const browser = await app.http.inject({ method: 'GET', url: fresh, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe(`/account/exports/${exportId}?token=${encodeURIComponent(token)}`);
    const api = await app.http.inject({ method: 'GET', url: fresh, headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toContain('application/problem+json');
    // Neither consumed the link: it still downloads once signed in.
    expect((await alice.c.get(fresh)).statusCode).toBe(200);
  });
});

describe('privacy dashboard', () => {
  it('shows each category held, why, until when, recipients and the disclosure log', async () => {
    const dpo = (await signedIn(app, 'privacy_officer', 'dpo@example.com')).c;
    const recorded = await dpo.post('/api/privacy-officer/disclosures', { subjectId: alice.id, kind: 'authority', recipient: 'Court of Example', legalBasis: 'court order 12/2026', categories: ['contact.name', 'contact.email'] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await alice.c.post('/api/privacy-officer/disclosures', { subjectId: bob.id, kind: 'authority', recipient: 'x', legalBasis: 'y', categories: ['contact.name'] })).statusCode).toBe(403);

    const res = await alice.c.get('/api/me/privacy');
    expect(res.statusCode, res.body).toBe(200);
    type Cat = { category: string; rows: number; purposes: Array<{ legalBasis: string }>; retention: { rule: string; latestEnd: string | null } | null; recipients: Array<{ id: string }>; tables: Array<{ table: string; preview: unknown[] }> };
    const body = res.json<{ categories: Cat[]; disclosures: Array<{ recipient: string; legalBasis: string }> }>();
    const files = body.categories.find((c) => c.category === 'project.files')!;
    expect(files.tables.map((t) => t.table)).toContain('files');
    expect(files.purposes.map((p) => p.legalBasis)).toContain('contract');
    expect(files.retention?.rule).toBe('3 years after the project is completed');
    const email = body.categories.find((c) => c.category === 'contact.email')!;
    expect(email.recipients.map((r) => r.id)).toContain('authorities');
    expect(email.retention?.latestEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const billing = body.categories.find((c) => c.category === 'billing.transaction')!;
    expect(billing.rows).toBe(2);
    expect(body.disclosures).toEqual([expect.objectContaining({ recipient: 'Court of Example', legalBasis: 'court order 12/2026' })]);
    expect(JSON.stringify(body)).not.toContain('bob@example.net');
    const bobs = (await bob.c.get('/api/me/privacy')).json<{ disclosures: unknown[] }>();
    expect(bobs.disclosures).toEqual([]);
    expect(JSON.stringify(bobs)).not.toContain('alice@example.com');
  });
});

describe('restriction of processing', () => {
  it('blocks every non-essential path through the one shared check until lifted', async () => {
    // Other modules ask the check inside their unit of work; an integration hands data over through egress.
    const within = <T>(fn: (work: Work) => Promise<T>) => app.uow.run({ actor: SYSTEM_ACTOR }, fn);
    const deliver = () =>
      within((work) =>
        app.services.egress.handOver(work, { recipient: 'authorities', processing: 'integrations', subjectId: alice.id, data: { email: { category: 'contact.email', value: 'alice@example.com' } } }),
      );
    await expect(within((work) => assertProcessingAllowed(work, alice.id, 'analytics'))).resolves.toBeUndefined();
    expect((await alice.c.post('/api/me/restriction', { reason: 'I dispute the accuracy of my data' })).statusCode).toBe(200);
    for (const kind of ['analytics', 'marketing', 'integrations', 'profiling'] as const) {
      await expect(within((work) => assertProcessingAllowed(work, alice.id, kind))).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(deliver()).rejects.toMatchObject({ code: 'forbidden' });
    expect(await within((work) => isProcessingAllowed(work, bob.id, 'marketing'))).toBe(true);
    expect((await alice.c.delete('/api/me/restriction')).statusCode).toBe(200);
    expect((await deliver()).id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await alice.c.post('/api/me/opt-outs/marketing')).statusCode).toBe(200);
    expect(await within((work) => isProcessingAllowed(work, alice.id, 'marketing'))).toBe(false);
    expect(await within((work) => isProcessingAllowed(work, alice.id, 'analytics'))).toBe(true);
    expect((await alice.c.post('/api/me/opt-outs/selling')).statusCode).toBe(400);
    expect((await auditEntries(app, 'rights.restriction_set')).length).toBe(2);
  });
});

describe('organisation administrators', () => {
  it('export a member\'s data; the member is told; outsiders and members get nothing', async () => {
    expect((await bob.c.post(`/api/orgs/${orgId}/members/${alice.id}/export`)).statusCode).toBe(404);
    expect((await alice.c.post(`/api/orgs/${orgId}/members/${carol.id}/export`)).statusCode).toBe(403);
    expect((await carol.c.post(`/api/orgs/${orgId}/members/${bob.id}/export`)).statusCode).toBe(404);
    const res = await carol.c.post(`/api/orgs/${orgId}/members/${alice.id}/export`);
    expect(res.statusCode, res.body).toBe(202);
    const [notice] = await app.services.mail.list({ limit: 1, to: 'alice@example.com' });
    expect(notice?.kind).toBe('rights.member_export_notice');
    await runExport(res.json<{ exportId: string }>().exportId);
    const link = (await linkFromMail('carol@example.org')).download;
    expect((await bob.c.get(link)).statusCode).toBe(404);
    const download = await carol.c.get(link);
    expect(download.statusCode).toBe(200);
    expect((await auditEntries(app, 'rights.export_downloaded_by_admin')).length).toBe(1);
  });
});

describe('old exports', () => {
  it('are crypto-shredded after a week and can no longer be linked', async () => {
    const ready = await app.db.selectFrom('data_exports').select(['id', 'storage_key']).where('user_id', '=', alice.id).where('status', '=', 'ready').execute();
    expect(ready.length).toBeGreaterThan(0);
    app.clock.advance(8 * 86_400_000);
    try {
      expect(await app.services.rights.purgeOldExports()).toBe(ready.length);
    } finally {
      app.clock.advance(-8 * 86_400_000);
    }
    const after = await app.db.selectFrom('data_exports').select(['status', 'wrapped_key']).where('id', '=', ready[0]!.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'expired', wrapped_key: null });
    expect((await alice.c.post(`/api/exports/${ready[0]!.id}/link`)).statusCode).toBe(409);
    const { createLocalStorageDriver } = await import('../../platform/storage/index.js');
    expect(await createLocalStorageDriver({ rootDir: app.config.filesDir }).stat(ready[0]!.storage_key)).toBeNull();
  });
});
