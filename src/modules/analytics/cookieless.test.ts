import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { consentManifest } from '../consent/consent-test-support.js';

/**
 * Cookieless analytics (manifest `analytics: cookieless`, issue 14 item 5): nobody is asked, and
 * only daily totals per page and feature are kept, with no person, visitor, session or address;
 * robots are still dropped. And the dashboard's consent counts: the share of deciders who sent
 * Global Privacy Control, and decisions by method.
 */
let app: TestApp;
let staff: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  staff = await signedIn(app, 'staff');
});
afterAll(async () => app?.dispose());

const cookieless = () => {
  const doc = parse(consentManifest()) as Record<string, unknown> & { cookies: Array<{ category: string }> };
  doc.analytics = 'cookieless';
  // Counting needs no cookie now: an analytics cookie would only ask for nothing.
  doc.cookies = doc.cookies.filter((c) => c.category !== 'analytics');
  return stringify(doc);
};
const batch = (sessionId: string) => ({
  sessionId,
  events: [
    { kind: 'page_view', path: '/pricing?mail=a@b.test', referrer: 'https://search.example/?q=me' },
    { kind: 'feature', path: '/pricing', feature: 'quotes.request' },
    { kind: 'session_end', path: '/pricing', durationMs: 30_000 },
  ],
});
type Summary = { cookieless: boolean; days: Array<{ visits: number; pageViews: number }>; topPages: Array<{ path: string; views: number }>; features: Array<{ feature: string; uses: number }>; averageSessionSeconds: number | null; consent: { subjects: number; withGpc: number; gpcShare: number | null; byMethod: Array<{ method: string; decision: string; records: number }> } };
const summary = async () => {
  const res = await staff.c.get('/api/analytics/summary?days=7');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Summary>();
};

describe('cookieless analytics', () => {
  beforeAll(async () => {
    await putPolicyInForce(app, cookieless());
  });

  it('the policy says so, and the notice tells the web app to count without asking', async () => {
    const state = (await createClient(app).get('/api/consent')).json<{ notice: { analyticsMode: string; categories: Array<{ id: string }> } }>();
    expect(state.notice.analyticsMode).toBe('cookieless');
    expect(state.notice.categories.map((c) => c.id)).not.toContain('analytics');
    const policy = await app.http.inject({ method: 'GET', url: '/privacy' });
    expect(policy.body).toContain('We count visits to our pages without cookies or any identifier');
  });

  it('counts a visitor who was asked nothing, as daily totals only: no person, visitor, session, referrer or address', async () => {
    const visitor = createClient(app);
    const res = await visitor.post('/api/analytics/events', batch('cookieless-session-1'));
    expect(res.json()).toEqual({ stored: 3, dropped: null });
    const ann = await signedIn(app);
    expect((await ann.c.post('/api/analytics/events', batch('cookieless-session-2'))).json()).toEqual({ stored: 3, dropped: null });
    expect(visitor.cookies.size).toBe(0);
    expect(await app.db.selectFrom('analytics_events').select('id').execute()).toEqual([]);
    const totals = await app.db.selectFrom('analytics_daily_counts').selectAll().orderBy('kind').execute();
    expect(totals.map((t) => ({ kind: t.kind, path: t.path, feature: t.feature, events: Number(t.events) }))).toEqual([
      { kind: 'feature', path: '/pricing', feature: 'quotes.request', events: 2 },
      { kind: 'page_view', path: '/pricing', feature: '', events: 2 },
      { kind: 'session_end', path: '/pricing', feature: '', events: 2 },
    ]);
    const stored = JSON.stringify(totals);
    for (const trace of [ann.id, 'cookieless-session', '127.0.0.1', 'search.example', 'a@b.test']) expect(stored).not.toContain(trace);
    const bot = createClient(app, 'Mozilla/5.0 (compatible; bingbot/2.0)');
    expect((await bot.post('/api/analytics/events', batch('bot-session'))).json()).toEqual({ stored: 0, dropped: 'bot' });
  });

  it('shows on the dashboard like consented events', async () => {
    const s = await summary();
    expect(s.cookieless).toBe(true);
    expect(s.days.at(-1)).toMatchObject({ visits: 2, pageViews: 2 });
    expect(s.topPages).toEqual([{ path: '/pricing', views: 2 }]);
    expect(s.features).toEqual([expect.objectContaining({ feature: 'quotes.request', uses: 2 })]);
    expect(s.averageSessionSeconds).toBe(30);
  });
});

describe('consent decisions on the dashboard', () => {
  beforeAll(async () => {
    await putPolicyInForce(app, consentManifest());
  });

  it('show the share of deciders who sent GPC and the decisions by method, naming no one', async () => {
    const before = (await summary()).consent;
    const plain = createClient(app);
    const state = (await plain.get('/api/consent')).json<{ notice: { policyVersion: number; noticeHash: string } }>();
    await plain.post('/api/consent', { method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: { analytics: true, advertising: true } });
    const gpc = await app.http.inject({ method: 'GET', url: '/api/consent', headers: { 'sec-gpc': '1', 'user-agent': 'Mozilla/5.0 Chrome/150.0' } });
    expect(gpc.statusCode).toBe(200);
    const after = (await summary()).consent;
    expect(after.subjects - before.subjects).toBe(2);
    expect(after.withGpc - before.withGpc).toBe(1);
    expect(after.gpcShare).toBeCloseTo(after.withGpc / after.subjects);
    const records = (s: typeof after, method: string, decision: string) => s.byMethod.find((m) => m.method === method && m.decision === decision)?.records ?? 0;
    expect(records(after, 'gpc', 'refused') - records(before, 'gpc', 'refused')).toBe(2);
    expect(records(after, 'banner', 'given') - records(before, 'banner', 'given')).toBe(2);
    expect(JSON.stringify(after)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect((await createClient(app).get('/api/analytics/summary')).statusCode).toBe(401);
  });
});
