import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { consentManifest } from '../consent/consent-test-support.js';
import { unzipEntries } from '../rights/rights-test-support.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
});
afterAll(async () => app?.dispose());

type Client = ReturnType<typeof createClient>;
const batch = (sessionId = 'session-0001') => ({
  sessionId,
  events: [
    { kind: 'page_view', path: '/projects?token=secret#x', referrer: 'https://search.example/q?who=me' },
    { kind: 'feature', path: '/projects', feature: 'projects.upload' },
    { kind: 'session_end', path: '/projects', durationMs: 42_000 },
  ],
});
async function consent(c: Client, analytics: boolean) {
  const state = (await c.get('/api/consent')).json<{ notice: { policyVersion: number; noticeHash: string } }>();
  const res = await c.post('/api/consent', { method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: { analytics, advertising: false } });
  expect(res.statusCode, res.body).toBe(200);
}
const eventsOf = (where: { userId?: string; visitorId?: string }) =>
  app.db
    .selectFrom('analytics_events')
    .selectAll()
    .$if(where.userId !== undefined, (q) => q.where('user_id', '=', where.userId!))
    .$if(where.visitorId !== undefined, (q) => q.where('visitor_id', '=', where.visitorId!))
    .execute();

describe('first-party analytics', () => {
  it('is off while the policy declares no usage data', async () => {
    await putPolicyInForce(app, defaultWithout('usage.clickstream'));
    const res = await createClient(app).post('/api/analytics/events', batch());
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('feature_off');
  });

  describe('under a policy that asks consent for analytics', () => {
    beforeAll(async () => {
      await putPolicyInForce(app, consentManifest());
    });

    it('stores nothing without consent, nothing from robots, and refuses bad input', async () => {
      const visitor = createClient(app);
      const none = await visitor.post('/api/analytics/events', batch());
      expect(none.statusCode).toBe(202);
      expect(none.json()).toEqual({ stored: 0, dropped: 'no_consent' });
      await consent(visitor, false);
      expect((await visitor.post('/api/analytics/events', batch())).json()).toEqual({ stored: 0, dropped: 'no_consent' });
      const bot = createClient(app, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)');
      await consent(bot, true);
      expect((await bot.post('/api/analytics/events', batch())).json()).toEqual({ stored: 0, dropped: 'bot' });
      const bad = await visitor.post('/api/analytics/events', { sessionId: 'x', events: [{ kind: 'click', path: 'projects' }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(await app.db.selectFrom('analytics_events').select('id').execute()).toEqual([]);
    });

    it('with consent: stores the declared fields only, the path without its query, no raw address; stops at withdrawal', async () => {
      const visitor = createClient(app);
      await consent(visitor, true);
      const res = await visitor.post('/api/analytics/events', batch('visitor-session-1'));
      expect(res.json()).toEqual({ stored: 3, dropped: null });
      const visitorId = visitor.cookies.get('mv_consent')!;
      const rows = await eventsOf({ visitorId });
      expect(rows.map((r) => r.kind).sort()).toEqual(['feature', 'page_view', 'session_end']);
      const view = rows.find((r) => r.kind === 'page_view')!;
      expect(view).toMatchObject({ path: '/projects', referrer: 'https://search.example', user_id: null });
      expect(view.ip_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
      expect(JSON.stringify(rows)).not.toContain('secret');
      await consent(visitor, false);
      expect((await visitor.post('/api/analytics/events', batch('visitor-session-1'))).json()).toEqual({ stored: 0, dropped: 'no_consent' });
      expect((await eventsOf({ visitorId })).length).toBe(3);
    });

    describe('a person’s events', () => {
      let eve: TestUser;
      beforeAll(async () => {
        eve = await signedIn(app, 'customer', 'eve@analytics.test');
        await consent(eve.c, true);
        expect((await eve.c.post('/api/analytics/events', batch('eve-session-1'))).json()).toEqual({ stored: 3, dropped: null });
      });

      it('are in their export', async () => {
        const res = await eve.c.post('/api/me/exports');
        expect(res.statusCode, res.body).toBe(202);
        const { id } = res.json<{ id: string }>();
        await app.jobs.drain();
        const [message] = await app.services.mail.list({ limit: 1, to: 'eve@analytics.test' });
        const match = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(message?.body_text ?? '');
        expect(match?.[1]).toBe(id);
        const download = await eve.c.get(`/api/exports/${id}/download?token=${match![2]}`);
        expect(download.statusCode).toBe(200);
        const zip = await unzipEntries(download.rawPayload);
        const csv = zip.get('tables/analytics_events.csv')?.toString() ?? '';
        expect(csv).toContain('projects.upload');
        expect(csv.trimEnd().split('\r\n').length - 1).toBe(3);
        expect(zip.get('tables/consent_records.csv')?.toString()).toContain('cookies:analytics');
      });

      it('show on the staff dashboard as counts only, which customers cannot see', async () => {
        const staff = await signedIn(app, 'staff');
        const res = await staff.c.get('/api/analytics/summary?days=7');
        expect(res.statusCode, res.body).toBe(200);
        const summary = res.json<{ days: Array<{ visits: number; pageViews: number }>; topPages: Array<{ path: string; views: number }>; features: Array<{ feature: string; uses: number }>; averageSessionSeconds: number }>();
        expect(summary.days).toHaveLength(7);
        expect(summary.days.at(-1)).toEqual(expect.objectContaining({ visits: 2, pageViews: 2 }));
        expect(summary.topPages).toEqual([{ path: '/projects', views: 2 }]);
        expect(summary.features).toEqual([expect.objectContaining({ feature: 'projects.upload', uses: 2 })]);
        expect(summary.averageSessionSeconds).toBe(42);
        expect(JSON.stringify(summary)).not.toContain(eve.id);
        expect((await eve.c.get('/api/analytics/summary')).statusCode).toBe(403);
        expect((await staff.c.get('/api/analytics/summary?days=0')).statusCode).toBe(400);
      });

      it('vanish with the person’s erasure', async () => {
        const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, eve.id, { queue: false });
        await app.services.rights.runErasure(erasureId);
        expect(await eventsOf({ userId: eve.id })).toEqual([]);
      });
    });

    it('become monthly counts when their retention ends (end action aggregate), which survive', async () => {
      const before = (await app.db.selectFrom('analytics_events').select('id').execute()).length;
      expect(before).toBeGreaterThan(0);
      app.clock.advance(400 * 86_400_000);
      const result = await app.services.retention.runRetention();
      expect(result).toBeDefined();
      expect(await app.db.selectFrom('analytics_events').select('id').execute()).toEqual([]);
      const kept = await app.db.selectFrom('retention_aggregates').selectAll().where('table_name', '=', 'analytics_events').execute();
      expect(kept.reduce((sum, row) => sum + Number(row.rows), 0)).toBe(before);
    });
  });
});
