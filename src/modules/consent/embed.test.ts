import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { consentManifest } from './consent-test-support.js';

/**
 * The banner embedded on the operator's own website (another origin): it records consent through
 * /api/consent/embed, which answers CORS without credentials for the origins the operator lists only,
 * reads and sets no cookie, and records only consent decisions.
 */
const SITE = 'https://www.operator.test';
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_EMBED_ORIGINS: `${SITE},http://127.0.0.1:9` });
  await putPolicyInForce(app, consentManifest());
});
afterAll(async () => app?.dispose());

type EmbedState = { visitorId: string | null; decided: boolean; gpc: boolean; categories: Record<string, boolean>; notice: { policyVersion: number; noticeHash: string; policyHash: string } };
const fromSite = (origin = SITE) => ({ origin, 'sec-fetch-site': 'cross-site', 'user-agent': 'Mozilla/5.0 Chrome/150.0' });
const get = (query = '', headers: Record<string, string> = fromSite()) => app.http.inject({ method: 'GET', url: `/api/consent/embed${query}`, headers });
const post = (payload: object, headers: Record<string, string> = fromSite()) => app.http.inject({ method: 'POST', url: '/api/consent/embed', headers, payload });
const records = (visitorId: string) => app.db.selectFrom('consent_records').selectAll().where('visitor_id', '=', visitorId).orderBy('seq').execute();
const choice = (state: EmbedState, categories: Record<string, boolean>, extra: object = {}) => ({ method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories, ...extra });

describe('the consent API of the embedded banner', () => {
  it('answers the preflight and the notice to a listed origin, without credentials or cookies', async () => {
    const preflight = await app.http.inject({ method: 'OPTIONS', url: '/api/consent/embed', headers: { ...fromSite(), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': SITE, 'access-control-allow-headers': 'content-type' });
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json<EmbedState>()).toMatchObject({ visitorId: null, decided: false });
    const script = await app.http.inject({ method: 'GET', url: '/consent/banner.js' });
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('records a choice for a new visitor id, then for the id the script kept, as the same records the web app writes', async () => {
    const state = (await get()).json<EmbedState>();
    const first = await post(choice(state, { analytics: false, advertising: false }));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['access-control-allow-origin']).toBe(SITE);
    const { visitorId } = first.json<EmbedState>();
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await post(choice(state, { analytics: true, advertising: false }, { visitorId, method: 'settings' }));
    expect(again.json<EmbedState>()).toMatchObject({ visitorId, decided: true, categories: { analytics: true, advertising: false } });
    const rows = await records(visitorId!);
    expect(rows.map((r) => `${r.scope} ${r.decision} ${r.method}`).sort()).toEqual(['cookies:advertising refused banner', 'cookies:analytics given settings', 'cookies:analytics refused banner']);
    for (const row of rows) expect(row).toMatchObject({ user_id: null, policy_version: state.notice.policyVersion, policy_hash: state.notice.policyHash, notice_hash: state.notice.noticeHash });
    expect((await get(`?visitor=${visitorId}`)).json<EmbedState>()).toMatchObject({ visitorId, decided: true, categories: { analytics: true } });
    const allowed = await app.uow.run({ actor: SYSTEM_ACTOR }, (work) => app.services.egress.isProcessingAllowed(work, { userId: null, visitorId: visitorId! }, 'analytics'));
    expect(allowed).toBe(true);
  });

  it('refuses another origin, and changes nothing', async () => {
    const state = (await get()).json<EmbedState>();
    const before = await app.db.selectFrom('consent_records').select('id').execute();
    const evil = await post(choice(state, { analytics: true, advertising: true }), fromSite('https://evil.example'));
    expect(evil.statusCode).toBe(403);
    expect(evil.json()).toMatchObject({ reason: 'cross_site' });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.http.inject({ method: 'OPTIONS', url: '/api/consent/embed', headers: { ...fromSite('https://evil.example'), 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get('', fromSite('https://evil.example'))).headers['access-control-allow-origin']).toBeUndefined();
    // The other routes stay closed to the listed origin too: only the embeddable ones open.
    const signIn = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', headers: fromSite(), payload: { email: 'a@b.test', password: 'whatever password' } });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.headers['access-control-allow-origin']).toBeUndefined();
    const bad = await post({ ...choice(state, { analytics: true }), visitorId: 'not-an-id' });
    expect(bad.statusCode).toBe(400);
    const unknown = await post(choice(state, { marketing: true }));
    expect(unknown.statusCode).toBe(400);
    expect(await app.db.selectFrom('consent_records').select('id').execute()).toEqual(before);
  });

  it('ignores a session cookie: a signed-in person’s account is never written from another site', async () => {
    const state = (await get()).json<EmbedState>();
    const res = await post(choice(state, { analytics: true, advertising: false }), { ...fromSite(), cookie: 'mv_session=forged-or-real' });
    expect(res.statusCode).toBe(200);
    const rows = await records(res.json<EmbedState>().visitorId!);
    expect(rows.every((r) => r.user_id === null)).toBe(true);
  });

  it('records Global Privacy Control for a known visitor, and an accept-all cannot turn ads on', async () => {
    const state = (await get()).json<EmbedState>();
    const gpc = { ...fromSite(), 'sec-gpc': '1' };
    const first = await post(choice(state, { analytics: true, advertising: true }), gpc);
    const { visitorId, categories } = first.json<EmbedState>();
    expect(categories).toEqual({ analytics: true, advertising: false });
    expect((await records(visitorId!)).map((r) => `${r.scope} ${r.decision} ${r.method}`)).toEqual(expect.arrayContaining(['sale_sharing refused gpc', 'cookies:advertising refused gpc']));
    expect((await get(`?visitor=${visitorId}`, gpc)).json<EmbedState>().gpc).toBe(true);
  });

  it('counts the website’s events for a consenting visitor only', async () => {
    const state = (await get()).json<EmbedState>();
    const batch = { sessionId: 'site-session-1', events: [{ kind: 'page_view', path: '/pricing' }] };
    const ingest = (payload: object, headers = fromSite()) => app.http.inject({ method: 'POST', url: '/api/analytics/embed/events', headers, payload });
    const refused = (await post(choice(state, { analytics: false, advertising: false }))).json<EmbedState>().visitorId!;
    expect((await ingest({ ...batch, visitorId: refused })).json()).toEqual({ stored: 0, dropped: 'no_consent' });
    expect((await ingest(batch)).json()).toEqual({ stored: 0, dropped: 'no_consent' });
    const given = (await post(choice(state, { analytics: true, advertising: false }))).json<EmbedState>().visitorId!;
    const res = await ingest({ ...batch, visitorId: given });
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.json()).toEqual({ stored: 1, dropped: null });
    expect((await ingest({ ...batch, visitorId: given }, fromSite('https://evil.example'))).statusCode).toBe(403);
    expect(await app.db.selectFrom('analytics_events').select(['path', 'visitor_id']).where('visitor_id', 'in', [given, refused]).execute()).toEqual([{ path: '/pricing', visitor_id: given }]);
  });
});
