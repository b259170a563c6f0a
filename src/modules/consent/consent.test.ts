import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { auditEntries, signedIn } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { CLI_ACTOR, SYSTEM_ACTOR, type Work } from '../../platform/unit-of-work/index.js';
import { consentManifest, setCookies } from './consent-test-support.js';
import type { TConsentState } from './consent.schema.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

type State = Omit<TConsentState, 'history'> & { history: Array<{ scope: string; decision: string; method: string; policyVersion: number; policyHash: string; noticeHash: string }> };
const stateOf = (res: { json: <T>() => T }) => res.json<State>();
const choice = (state: State, categories: Record<string, boolean>, extra: Record<string, unknown> = {}) => ({
  method: 'banner',
  policyVersion: state.notice.policyVersion,
  noticeHash: state.notice.noticeHash,
  categories,
  ...extra,
});
const within = <T>(fn: (work: Work) => Promise<T>) => app.uow.run({ actor: SYSTEM_ACTOR }, fn);
const records = (where: { userId?: string; visitorId?: string }) =>
  app.db
    .selectFrom('consent_records')
    .selectAll()
    .$if(where.userId !== undefined, (q) => q.where('user_id', '=', where.userId!))
    .$if(where.visitorId !== undefined, (q) => q.where('visitor_id', '=', where.visitorId!))
    .orderBy('decided_at')
    .execute();

describe('under the default policy (essential cookies only)', () => {
  it('asks nothing and sets no cookie', async () => {
    const res = await createClient(app).get('/api/consent');
    expect(res.statusCode).toBe(200);
    const state = stateOf(res);
    expect(state.notice.categories.map((c) => c.id)).toEqual(['essential']);
    expect(state.decided).toBe(true);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the banner’s choices as consent records', () => {
  let version: number;
  beforeAll(async () => {
    version = await putPolicyInForce(app, consentManifest());
  });

  it('shows the manifest’s categories, cookies and lifetimes, and sets no cookie before a choice', async () => {
    const res = await createClient(app).get('/api/consent');
    const state = stateOf(res);
    expect(state.decided).toBe(false);
    expect(state.notice.policyVersion).toBe(version);
    expect(state.notice.categories.map((c) => c.id)).toEqual(['essential', 'analytics', 'advertising']);
    expect(state.notice.categories[1]?.cookies).toEqual([{ name: 'mv_analytics', provider: 'Meshvault operator', purpose: 'Counts visits to improve the site.', lifetime: '395 days', firstParty: true }]);
    expect(state.notice.categories[2]?.cookies[0]).toMatchObject({ name: '__gads', firstParty: false });
    expect(state.categories).toEqual({ analytics: false, advertising: false });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('reject all: records refusals with the policy version and hash, sets only the essential consent cookie', async () => {
    const visitor = createClient(app);
    const state = stateOf(await visitor.get('/api/consent'));
    const res = await visitor.post('/api/consent', choice(state, { analytics: false, advertising: false }));
    expect(res.statusCode, res.body).toBe(200);
    const set = setCookies(res);
    expect(set.map((c) => c.name)).toEqual(['mv_consent']);
    expect(set[0]?.maxAge).toBe(365 * 86_400);
    const after = stateOf(res);
    expect(after.decided).toBe(true);
    const active = await app.services.policy.current();
    const rows = await records({ visitorId: set[0]!.value });
    expect(rows.map((r) => [r.scope, r.decision, r.method])).toEqual(expect.arrayContaining([['cookies:analytics', 'refused', 'banner'], ['cookies:advertising', 'refused', 'banner']]));
    for (const row of rows) expect(row).toMatchObject({ user_id: null, policy_version: active.version, policy_hash: active.hash, notice_hash: state.notice.noticeHash });
    expect((await auditEntries(app, 'consent.refused', rows[0]!.id)).length).toBe(1);
  });

  it('accept all sets the first-party cookies for their declared lifetimes; withdrawing removes them at once', async () => {
    const visitor = createClient(app);
    const state = stateOf(await visitor.get('/api/consent'));
    const accepted = await visitor.post('/api/consent', choice(state, { analytics: true, advertising: true }));
    expect(accepted.statusCode, accepted.body).toBe(200);
    const set = setCookies(accepted);
    // __gads is Google's: its script sets it once loaded after consent, never the server.
    expect(set.map((c) => c.name).sort()).toEqual(['mv_analytics', 'mv_consent']);
    expect(set.find((c) => c.name === 'mv_analytics')?.maxAge).toBe(395 * 86_400);
    expect(stateOf(accepted).categories).toEqual({ analytics: true, advertising: true });

    const withdrawn = await visitor.post('/api/consent', choice(state, { analytics: false, advertising: true }, { method: 'settings' }));
    expect(withdrawn.statusCode).toBe(200);
    expect(setCookies(withdrawn).find((c) => c.name === 'mv_analytics')).toMatchObject({ value: '' });
    expect(visitor.cookies.has('mv_analytics')).toBe(false);
    const rows = await records({ visitorId: visitor.cookies.get('mv_consent')! });
    expect(rows.map((r) => [r.scope, r.decision, r.method]).sort()).toEqual([
      ['cookies:advertising', 'given', 'banner'],
      ['cookies:analytics', 'given', 'banner'],
      ['cookies:analytics', 'withdrawn', 'settings'],
    ]);
  });

  it('refuses a choice made under another notice, or about unknown categories, and records nothing', async () => {
    const visitor = createClient(app);
    const state = stateOf(await visitor.get('/api/consent'));
    const stale = await visitor.post('/api/consent', { ...choice(state, { analytics: true }), noticeHash: `sha256:${'0'.repeat(64)}` });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const unknown = await visitor.post('/api/consent', choice(state, { marketing: true }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ detail: string }>().detail).toContain('Unknown cookie categories: marketing');
    const malformed = await visitor.post('/api/consent', { method: 'banner' });
    expect(malformed.statusCode).toBe(400);
    expect(visitor.cookies.size).toBe(0);
  });

  it('analytics for a person runs only with their consent, through egress’s one check, and stops at withdrawal', async () => {
    const ann = await signedIn(app);
    const allowed = () => within((work) => app.services.egress.isProcessingAllowed(work, ann.id, 'analytics'));
    const assertAllowed = () => within((work) => app.services.egress.assertProcessingAllowed(work, ann.id, 'analytics'));
    expect(await allowed()).toBe(false);
    await expect(assertAllowed()).rejects.toMatchObject({ code: 'forbidden', details: { refusal: 'consent_missing' } });
    const state = stateOf(await ann.c.get('/api/consent'));
    expect((await ann.c.post('/api/consent', choice(state, { analytics: true, advertising: false }))).statusCode).toBe(200);
    expect(await allowed()).toBe(true);
    expect(await within((work) => app.services.egress.isProcessingAllowed(work, ann.id, 'profiling'))).toBe(false);
    const rows = await records({ userId: ann.id });
    expect(rows.every((r) => r.user_id === ann.id)).toBe(true);
    expect((await ann.c.post('/api/consent', choice(state, { analytics: false, advertising: false }, { method: 'settings' }))).statusCode).toBe(200);
    expect(await allowed()).toBe(false);
    // A visitor's own consent counts for the visitor too.
    const visitorId = (await records({})).find((r) => r.user_id === null && r.scope === 'cookies:analytics' && r.decision === 'given')!.visitor_id!;
    expect(await within((work) => app.services.egress.isProcessingAllowed(work, { userId: null, visitorId }, 'analytics'))).toBe(false); // withdrawn above
  });

  it('a signed-in person answers consent-based purposes too; a visitor cannot', async () => {
    const bea = await signedIn(app);
    const state = stateOf(await bea.c.get('/api/consent'));
    expect(state.notice.purposes.map((p) => p.id)).toEqual(['website_analytics', 'advertising']);
    const res = await bea.c.post('/api/consent', choice(state, { analytics: true }, { purposes: { website_analytics: true } }));
    expect(res.statusCode, res.body).toBe(200);
    expect(stateOf(res).purposes).toEqual({ website_analytics: true, advertising: false });
    const visitor = createClient(app);
    expect((await visitor.post('/api/consent', choice(state, { analytics: true }, { purposes: { website_analytics: true } }))).statusCode).toBe(400);
  });

  it('asks again when the notice changes (a new cookie, a new purpose), keeping the old answer as proof', async () => {
    const visitor = createClient(app);
    const state = stateOf(await visitor.get('/api/consent'));
    await visitor.post('/api/consent', choice(state, { analytics: true, advertising: false }));
    expect(stateOf(await visitor.get('/api/consent')).decided).toBe(true);
    const changed = parse(consentManifest()) as { cookies: unknown[] };
    changed.cookies.push({ name: 'mv_heatmap', provider: 'Meshvault operator', category: 'analytics', lifetime: 'P30D', purpose: 'Shows where people click.', categories: ['technical.cookie_id'] });
    await putPolicyInForce(app, stringify(changed));
    const again = stateOf(await visitor.get('/api/consent'));
    expect(again).toMatchObject({ decided: false, askAgain: true });
    expect(again.notice.noticeHash).not.toBe(state.notice.noticeHash);
    expect(again.history.map((r) => r.noticeHash)).toContain(state.notice.noticeHash);
    const answered = await visitor.post('/api/consent', choice(again, { analytics: true, advertising: false }));
    expect(stateOf(answered).decided).toBe(true);
    await putPolicyInForce(app, consentManifest());
  });

  it('asks again when the way visits are counted changes (consent ↔ cookieless), a significant change', async () => {
    const visitor = createClient(app);
    const state = stateOf(await visitor.get('/api/consent'));
    await visitor.post('/api/consent', choice(state, { analytics: true, advertising: false }));
    const cookieless = parse(consentManifest()) as Record<string, unknown>;
    cookieless.analytics = 'cookieless';
    await putPolicyInForce(app, stringify(cookieless));
    const again = stateOf(await visitor.get('/api/consent'));
    expect(again).toMatchObject({ decided: false, askAgain: true, notice: { analyticsMode: 'cookieless' } });
    await visitor.post('/api/consent', choice(again, { analytics: true, advertising: false }));
    expect(stateOf(await visitor.get('/api/consent')).decided).toBe(true);
    // And back: counting per consenting visitor again is asked again too.
    await putPolicyInForce(app, consentManifest());
    expect(stateOf(await visitor.get('/api/consent'))).toMatchObject({ decided: false, askAgain: true, notice: { analyticsMode: 'consent', noticeHash: state.notice.noticeHash } });
  });

  it('the audit chain verifies after all these records', async () => {
    const check = await app.services.privacyCheck();
    expect(check.checks.find((c) => c.id === 'audit_chain')?.ok).toBe(true);
  });

  it('a person’s records are in their export’s registry walk and go with their erasure', async () => {
    const cy = await signedIn(app);
    const state = stateOf(await cy.c.get('/api/consent'));
    await cy.c.post('/api/consent', choice(state, { analytics: true, advertising: false }));
    expect((await records({ userId: cy.id })).length).toBeGreaterThan(0);
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, cy.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await records({ userId: cy.id })).toEqual([]);
  });
});

describe('Global Privacy Control', () => {
  beforeAll(async () => {
    await putPolicyInForce(app, consentManifest());
  });

  const withGpc = (url: string, cookie?: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    app.http.inject({ method, url, headers: { 'sec-gpc': '1', 'user-agent': 'Mozilla/5.0 Chrome/150.0', ...(cookie ? { cookie } : {}) }, ...(payload ? { payload } : {}) });

  it('Sec-GPC: 1 is recorded as an opt-out of sale, sharing and targeted advertising; accept all cannot turn ads on', async () => {
    const first = await withGpc('/api/consent');
    expect(first.statusCode).toBe(200);
    const consentCookie = setCookies(first).find((c) => c.name === 'mv_consent');
    expect(consentCookie).toBeDefined();
    const state = stateOf(first);
    expect(state.gpc).toBe(true);
    const rows = await records({ visitorId: consentCookie!.value });
    expect(rows.map((r) => [r.scope, r.decision, r.method]).sort()).toEqual([['cookies:advertising', 'refused', 'gpc'], ['sale_sharing', 'refused', 'gpc']]);
    expect(state.decided).toBe(false); // analytics is still to be asked
    // Asked again, nothing more is recorded.
    await withGpc('/api/consent', `mv_consent=${consentCookie!.value}`);
    expect((await records({ visitorId: consentCookie!.value })).length).toBe(2);

    const accepted = await withGpc('/api/consent', `mv_consent=${consentCookie!.value}`, 'POST', choice(state, { analytics: true, advertising: true }));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(stateOf(accepted).categories).toEqual({ analytics: true, advertising: false });
    const subject = { userId: null, visitorId: consentCookie!.value };
    expect(await within((work) => app.services.egress.isProcessingAllowed(work, subject, 'profiling'))).toBe(false);
    expect(await within((work) => app.services.egress.isProcessingAllowed(work, subject, 'analytics'))).toBe(true);
  });

  it('a signed-in person’s GPC is recorded on their account and stops profiling through the one check', async () => {
    const dee = await signedIn(app);
    const session = dee.c.cookies.get('mv_session')!;
    expect((await withGpc('/api/consent', `mv_session=${session}`)).statusCode).toBe(200);
    await expect(within((work) => app.services.egress.assertProcessingAllowed(work, dee.id, 'profiling'))).rejects.toMatchObject({ details: { refusal: 'opted_out_sale_sharing' } });
    expect((await records({ userId: dee.id })).map((r) => r.method)).toEqual(['gpc', 'gpc']);
  });

  it('where the policy does not honour GPC, gpc.json says so and the signal records nothing', async () => {
    await putPolicyInForce(app, consentManifest({ honoursGpc: false, advertising: false }));
    const gpc = await app.http.inject({ method: 'GET', url: '/.well-known/gpc.json' });
    expect(gpc.json()).toMatchObject({ gpc: false });
    const res = await withGpc('/api/consent');
    expect(stateOf(res).gpc).toBe(false);
    expect(res.headers['set-cookie']).toBeUndefined();
    await putPolicyInForce(app, consentManifest());
    expect((await app.http.inject({ method: 'GET', url: '/.well-known/gpc.json' })).json()).toMatchObject({ gpc: true });
  });
});

describe('the embeddable banner', () => {
  it('is served as a plain script', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/consent/banner.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.body).toContain("role: 'dialog'");
    expect(res.body).toContain('/api/consent');
  });
});
