import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn } from '../../test-support/builders.js';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from './test-manifests.js';

let app: TestApp;
let officer: ReturnType<typeof createClient>;
const password = 'correct horse battery staple';

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs(); // publishing queues the change notices
  officer = (await signedIn(app, 'privacy_officer', 'officer@accept.test')).c;
});
afterAll(async () => app?.dispose());

function signUp(c: ReturnType<typeof createClient>, email: string, policy: unknown) {
  return c.post('/api/auth/sign-up', { name: 'Accepting Person', email, password, ageConfirmed: true, ...(policy === undefined ? {} : { policy }) });
}

async function acceptancesOf(email: string) {
  return app.db
    .selectFrom('policy_acceptances')
    .innerJoin('users', 'users.id', 'policy_acceptances.user_id')
    .select(['policy_acceptances.version', 'policy_acceptances.document_hash', 'policy_acceptances.accepted_at', 'policy_acceptances.how'])
    .where('users.email', '=', email)
    .execute();
}

async function userExists(email: string) {
  return (await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
}

async function publish(change: Parameters<typeof manifestVariant>[0]) {
  const res = await officer.post('/api/privacy/manifest/publish', { yaml: manifestVariant(change) });
  expect(res.statusCode, res.body).toBe(201);
}

describe('accepting the policy at sign-up', () => {
  it('publishes the version, its hash and how it is accepted where the sign-up page reads them', async () => {
    const json = (await app.http.inject({ method: 'GET', url: '/privacy.json' })).json<{ version: number; document_hash: string; acceptance: string }>();
    const active = await app.services.policy.current();
    expect(json).toMatchObject({ version: active.version, document_hash: active.hash, acceptance: 'explicit' });
    expect(json.document_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('records the version and hash accepted, with the time, in the work that creates the account', async () => {
    const shown = await policyShown(app);
    const res = await signUp(createClient(app), 'ada@accept.test', shown);
    expect(res.statusCode, res.body).toBe(201);
    const [row, ...more] = await acceptancesOf('ada@accept.test');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ version: shown.version, document_hash: shown.hash, how: 'ticked' });
    expect(row?.accepted_at).toBeInstanceOf(Date);
    const { id } = res.json<{ id: string }>();
    const entries = (await auditEntries(app, 'privacy.policy_accepted')).filter((e) => e.subject_id === id);
    expect(entries).toEqual([expect.objectContaining({ details: { version: shown.version, documentHash: shown.hash, how: 'ticked' } })]);
  });

  it('shows a signed-in person which version they last accepted, and when, on the policy page', async () => {
    const c = createClient(app);
    await signUp(c, 'bea@accept.test', await policyShown(app));
    const { token } = await latestMailTo(app, 'bea@accept.test');
    await c.post('/api/auth/verify-email', { token });
    expect((await c.post('/api/auth/sign-in', { email: 'bea@accept.test', password })).statusCode).toBe(200);
    const [row] = await acceptancesOf('bea@accept.test');
    const page = await c.get('/privacy');
    expect(page.body).toContain(`You last accepted <a href="/privacy?version=${row?.version}">version ${row?.version}</a> on ${row?.accepted_at.toISOString().slice(0, 10)}.`);
    expect(page.headers['cache-control']).toContain('private');
    const anonymous = await createClient(app).get('/privacy');
    expect(anonymous.body).not.toContain('You last accepted');
  });

  it('refuses a version that is no longer in force, or a hash that is not the published text, and creates nothing', async () => {
    const shown = await policyShown(app);
    for (const policy of [{ ...shown, version: shown.version + 1 }, { ...shown, hash: `sha256:${'0'.repeat(64)}` }]) {
      const res = await signUp(createClient(app), 'stale@accept.test', policy);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ reason: 'policy_changed', version: shown.version, documentHash: shown.hash });
      expect(res.json<{ detail: string }>().detail).toMatch(/Re-read it/);
    }
    expect(await userExists('stale@accept.test')).toBe(false);
    expect(await app.services.mail.list({ limit: 5, to: 'stale@accept.test' })).toEqual([]);
  });

  it('refuses a sign-up that does not say which version it accepts, or whose box is not ticked', async () => {
    const shown = await policyShown(app);
    const missing = await signUp(createClient(app), 'missing@accept.test', undefined);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ reason: 'policy_missing', version: shown.version, documentHash: shown.hash });
    const unticked = await signUp(createClient(app), 'missing@accept.test', { version: shown.version, hash: shown.hash });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.json()).toMatchObject({ reason: 'policy_not_accepted', errors: [{ path: 'body.policy.accepted' }] });
    expect(await userExists('missing@accept.test')).toBe(false);
  });

  it('after a new version is published, the old one is stale and the new one is recorded', async () => {
    const before = await policyShown(app);
    await publish((d) => {
      d.minimum_age = 17;
    });
    const after = await policyShown(app);
    expect(after.version).toBe(before.version + 1);
    expect(after.hash).not.toBe(before.hash);
    expect((await signUp(createClient(app), 'late@accept.test', before)).statusCode).toBe(409);
    expect((await signUp(createClient(app), 'late@accept.test', after)).statusCode).toBe(201);
    expect(await acceptancesOf('late@accept.test')).toEqual([expect.objectContaining({ version: after.version, document_hash: after.hash })]);
  });

  it('where the manifest says using the service is acceptance (seed 000), records it without a ticked box', async () => {
    await publish((d) => {
      d.acceptance = 'by_use';
    });
    const json = (await app.http.inject({ method: 'GET', url: '/privacy.json' })).json<{ acceptance: string }>();
    expect(json.acceptance).toBe('by_use');
    const page = await app.http.inject({ method: 'GET', url: '/privacy' });
    expect(page.body).toContain('By creating an account or using our services you accept this policy');
    const { version, hash } = await policyShown(app);
    const res = await signUp(createClient(app), 'user@accept.test', { version, hash });
    expect(res.statusCode, res.body).toBe(201);
    expect(await acceptancesOf('user@accept.test')).toEqual([expect.objectContaining({ version, document_hash: hash, how: 'by_use' })]);
  });
});
