import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD } from '../../test-support/builders.js';
import { createClient, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { defaultManifestText, manifestVariant, withoutCategory } from './test-manifests.js';

let app: TestApp;
const password = TEST_PASSWORD;
let officer: ReturnType<typeof createClient>;
let customer: ReturnType<typeof createClient>;
let customerId: string;

async function outboxCount(kind: string) {
  const r = await app.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function versionCount() {
  return (await app.db.selectFrom('manifest_versions').select('version').execute()).length;
}

beforeAll(async () => {
  app = await createTestApp();
  officer = (await signedIn(app, 'privacy_officer', 'officer@example.com')).c;
  ({ c: customer, id: customerId } = await signedIn(app, 'customer', 'customer@example.com'));
  await signedIn(app, 'customer', 'second@example.com');
});
afterAll(async () => app?.dispose());

describe('publishing the privacy manifest', () => {
  it('publishes the bundled default as version 1 on first use', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/privacy/versions' });
    expect(res.statusCode).toBe(200);
    const { versions } = res.json<{ versions: Array<{ version: number; changeLevel: string }> }>();
    expect(versions).toEqual([expect.objectContaining({ version: 1, changeLevel: 'initial' })]);
    const v1 = await app.http.inject({ method: 'GET', url: '/api/privacy/versions/1' });
    expect(v1.json<{ yaml: string }>().yaml).toBe(defaultManifestText());
  });

  it('lets only privacy officers and admins publish or validate', async () => {
    const yaml = manifestVariant((d) => (d.purposes[0]!.description = 'Changed by someone not allowed.'));
    expect((await customer.post('/api/privacy/manifest/publish', { yaml })).statusCode).toBe(403);
    expect((await customer.post('/api/privacy/manifest/validate', { yaml })).statusCode).toBe(403);
    expect((await createClient(app).post('/api/privacy/manifest/publish', { yaml })).statusCode).toBe(401);
    expect(await versionCount()).toBe(1);
  });

  it('refuses an invalid manifest with every problem and its line, and publishes nothing', async () => {
    const text = defaultManifestText().replace('minimum_age: 16', 'minimum_age: 40\ncolour: blue').replace('    sources: [directly]\n', '    sources: [telepathy]\n');
    const res = await officer.post('/api/privacy/manifest/publish', { yaml: text });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ detail: string; problems: Array<{ line: number; column: number; path: string; message: string }> }>();
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineOf('minimum_age: 40'), path: 'minimum_age', message: 'minimum_age must be between 0 and 21' }),
        expect.objectContaining({ line: lineOf('colour: blue'), path: 'colour' }),
      ]),
    );
    const telepathy = body.problems.find((p) => p.line === lineOf('[telepathy]'));
    expect(telepathy?.path).toMatch(/^categories\[\d+\]\.sources\[0\]$/);
    expect(body.detail).toMatch(/nothing was published/);
    const syntax = await officer.post('/api/privacy/manifest/publish', { yaml: 'manifest_version: 1\noperator: [unclosed\n' });
    expect(syntax.statusCode).toBe(422);
    expect(syntax.json<{ problems: Array<{ line: number; kind: string }> }>().problems[0]).toMatchObject({ kind: 'syntax' });
    expect(await versionCount()).toBe(1);
  });

  it('refuses a manifest that omits a category the core of the installation stores', async () => {
    const res = await officer.post('/api/privacy/manifest/publish', { yaml: withoutCategory('contact.email') });
    expect(res.statusCode).toBe(422);
    const { problems } = res.json<{ problems: Array<{ path: string; message: string }> }>();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('categories');
    expect(problems[0]?.message).toContain('"contact.email" (in users.email');
    expect(await versionCount()).toBe(1);
  });

  it('validates a draft for the editor: problems, or a preview and what would change', async () => {
    const bad = await officer.post('/api/privacy/manifest/validate', { yaml: 'manifest_version: 2\n' });
    expect(bad.statusCode).toBe(200);
    const draft = bad.json<{ valid: boolean; preview: unknown; problems: Array<{ line: number; path: string }> }>();
    expect(draft).toMatchObject({ valid: false, preview: null });
    expect(draft.problems.map((p) => `${p.line} ${p.path}`)).toContain('1 manifest_version');
    const yaml = manifestVariant((d) => (d.minimum_age = 13));
    const good = await officer.post('/api/privacy/manifest/validate', { yaml });
    const body = good.json<{ valid: boolean; preview: { html: string }; change: { level: string; reasons: string[] } }>();
    expect(body.valid).toBe(true);
    expect(body.preview.html).toContain('<h1>Privacy policy of Meshvault operator</h1>');
    expect(body.change).toMatchObject({ level: 'significant', reasons: ['lowers the minimum age from 16 to 13'] });
    expect(await versionCount()).toBe(1);
  });

  it('returns a draft\'s warnings with it, valid all the same', async () => {
    const yaml = manifestVariant((d) => {
      const rights = d['rights'] as { jurisdictions: { deadline: Record<string, unknown> }[] };
      delete rights.jurisdictions[0]!.deadline['extension_reason'];
    });
    const body = (await officer.post('/api/privacy/manifest/validate', { yaml })).json<{ valid: boolean; warnings: Array<{ path: string; message: string }> }>();
    expect(body.valid).toBe(true);
    expect(body.warnings.map((w) => w.path)).toEqual(['rights.jurisdictions[0].deadline.extension']);
  });

  it('publishes a minor change without notices, and refuses to publish the same policy twice', async () => {
    await app.startJobs();
    const yaml = manifestVariant((d) => (d.purposes[0]!.description = 'Open and run your account and sign you in securely.'));
    const res = await officer.post('/api/privacy/manifest/publish', { yaml });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, changeLevel: 'minor', notifying: false, reasons: [], warnings: [] });
    expect((await officer.post('/api/privacy/manifest/publish', { yaml })).statusCode).toBe(409);
    // Nothing is queued for a minor change: the notice job's queue is empty and there is nothing to run.
    expect(await app.jobs.countQueued('privacy.notify-change')).toBe(0);
    expect(await app.jobs.drain()).toEqual({ completed: {}, failed: [] });
    expect(await outboxCount('privacy.policy_changed')).toBe(0);
    expect(await app.db.selectFrom('policy_notices').selectAll().execute()).toEqual([]);
  });

  it('e-mails every user a notice of a significant change and asks for a new consent again', async () => {
    const users = (await app.db.selectFrom('users').select('id').execute()).length;
    const yaml = manifestVariant((d) => {
      d.purposes.push({ id: 'product_news', name: 'Product news', description: 'E-mail you about new materials and services.', legal_basis: 'consent', categories: ['contact.email', 'contact.name'] });
    });
    const res = await officer.post('/api/privacy/manifest/publish', { yaml });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 3, changeLevel: 'significant', notifying: true, consentPurposes: ['product_news'], reasons: ['adds the purpose "Product news"'] });
    expect(await app.jobs.countQueued('privacy.notify-change')).toBe(1);
    expect(await app.jobs.drain()).toEqual({ completed: { 'privacy.notify-change.v1': 1 }, failed: [] });
    expect(await outboxCount('privacy.policy_changed')).toBe(users);
    const notices = await app.db.selectFrom('policy_notices').selectAll().where('version', '=', 3).execute();
    expect(notices).toHaveLength(users);
    const [mail] = await app.services.mail.list({ limit: 1, to: 'customer@example.com' });
    expect(mail?.body_text).toContain('Added the purpose "Product news".');
    expect(mail?.body_text).toContain('/privacy/history?from=2&to=3');

    const prompts = await customer.get('/api/me/consent-prompts');
    const [prompt] = prompts.json<{ prompts: Array<{ id: string; version: number; purposes: Array<{ id: string }> }> }>().prompts;
    expect(prompt).toMatchObject({ version: 3, purposes: [{ id: 'product_news' }] });
    const answer = await customer.post(`/api/me/consent-prompts/${prompt!.id}`, { answer: 'accept' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ answer: 'accept', purposes: ['product_news'] });
    expect((await customer.post(`/api/me/consent-prompts/${prompt!.id}`, { answer: 'decline' })).statusCode).toBe(404);
    expect((await customer.get('/api/me/consent-prompts')).json()).toEqual({ prompts: [] });

    const ack = await customer.post('/api/me/policy-notices/3/acknowledge');
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await customer.post('/api/me/policy-notices/2/acknowledge')).statusCode).toBe(404);
    const row = await app.db.selectFrom('policy_notices').selectAll().where('user_id', '=', customerId).where('version', '=', 3).executeTakeFirstOrThrow();
    expect(row.acknowledged_at).not.toBeNull();
    const actions = (await app.db.selectFrom('audit_log').select('action').where('subject_id', '=', customerId).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['privacy.change_notice_sent', 'privacy.consent_prompt_created', 'privacy.consent_given', 'privacy.change_notice_acknowledged']));
    const published = await app.db.selectFrom('audit_log').select('details').where('action', '=', 'privacy.manifest_published').execute();
    expect(published).toHaveLength(3);
  });

  it('keeps every version unchanged, also against edits in the database', async () => {
    const v1 = await app.http.inject({ method: 'GET', url: '/api/privacy/versions/1' });
    expect(v1.json<{ yaml: string }>().yaml).toBe(defaultManifestText());
    const remove = await officer.delete('/api/privacy/versions/1');
    expect(remove.statusCode).toBe(405);
    expect(remove.headers.allow).toBe('GET, HEAD');
    await expect(app.db.updateTable('manifest_versions').set({ yaml: 'minimum_age: 0' }).where('version', '=', 1).execute()).rejects.toThrow(/immutable/);
    await expect(app.db.deleteFrom('manifest_versions').where('version', '=', 1).execute()).rejects.toThrow(/cannot be deleted/);
    // Erasing the officer who published a version may clear that column only.
    await app.db.updateTable('manifest_versions').set({ published_by: null }).where('version', '=', 3).execute();
    expect(await versionCount()).toBe(3);
  });

  it('signs people up under the minimum age of the version in force', async () => {
    const yaml = manifestVariant((d) => {
      d.purposes.push({ id: 'product_news', name: 'Product news', description: 'E-mail you about new materials and services.', legal_basis: 'consent', categories: ['contact.email', 'contact.name'] });
      d.minimum_age = 18;
    });
    const res = await officer.post('/api/privacy/manifest/publish', { yaml });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 4, changeLevel: 'minor' });
    const signUp = await createClient(app).post('/api/auth/sign-up', { name: 'Late Comer', email: 'late@example.com', password, ageConfirmed: true, policy: await policyShown(app) });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const user = await app.db.selectFrom('users').select('attested_minimum_age').where('email', '=', 'late@example.com').executeTakeFirstOrThrow();
    expect(user.attested_minimum_age).toBe(18);
    const json = await app.http.inject({ method: 'GET', url: '/privacy.json' });
    expect(json.json()).toMatchObject({ version: 4, minimum_age: 18 });
  });
});
