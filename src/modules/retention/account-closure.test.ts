import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';

const DAY = 24 * 3600 * 1000;

/** As seed 000 says: account data kept while the account is active, then archived for a period after its closure. */
const archiveAfterClosure = manifestVariant((doc) => {
  for (const rule of doc.retention as Array<{ categories: string[]; duration: string; starts_on: string }>) {
    if (rule.categories.includes('account.id')) Object.assign(rule, { duration: 'P30D', starts_on: 'account_closed' });
    if (rule.categories.includes('project.files')) rule.duration = 'P10D';
  }
});

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let dave: TestUser;
let officer: TestUser;
let t0: Date;

const count = async (query: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(app.db)).rows[0]?.n);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putPolicyInForce(app, archiveAfterClosure);
  alice = await signedIn(app, 'customer', 'alice@example.com');
  bob = await signedIn(app, 'customer', 'bob@example.com');
  dave = await signedIn(app, 'customer', 'dave@example.com');
  officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  await createProject(alice, { title: 'Alice gearbox' });
  expect((await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Investigation 44', scope: 'person', scopeId: dave.id })).statusCode).toBe(201);
  await app.jobs.drain();
  t0 = app.clock.now();
}, 60_000);

afterAll(async () => app?.dispose());

describe('closing an account (archived for the manifest period, then erased)', () => {
  it('refuses a request that does not confirm, and changes nothing', async () => {
    for (const body of [{}, { confirm: false }, { confirm: 'yes' }]) {
      const r = await bob.c.post('/api/me/close', body);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await bob.c.get('/api/me')).statusCode).toBe(200);
    expect(await count(`users where id = '${bob.id}' and closed_at is null and status = 'active'`)).toBe(1);
  });

  it('shows the person when each kind of their data goes, by the clocks the runs use', async () => {
    const project = await createProject(bob, { title: 'Bob turbine' });
    const completed = new Date(t0.getTime() + 2 * DAY);
    await app.db.updateTable('projects').set({ status: 'completed', completed_at: completed }).where('id', '=', project).execute();
    type Dashboard = { categories: Array<{ category: string; retention: { rule: string; earliestEnd: string | null; latestEnd: string | null; undated: number } | null }> };
    const dashboard = (await bob.c.get('/api/me/privacy')).json<Dashboard>();
    const of = (category: string) => dashboard.categories.find((c) => c.category === category)?.retention;
    // The project's data runs from its completion (not from when it was written): ten days after it.
    expect(of('project.specifications')).toMatchObject({ earliestEnd: day(completed.getTime() + 10 * DAY), latestEnd: day(completed.getTime() + 10 * DAY), undated: 0 });
    // The account is open: its archive period has not started, so there is no date yet.
    expect(of('account.id')).toMatchObject({ rule: '30 days after your account is closed', earliestEnd: null, latestEnd: null });
    expect(of('account.id')?.undated).toBeGreaterThan(0);
  });

  it('archives the account: signed out, no sign-in, and the person is told what is kept until when', async () => {
    const closed = await alice.c.post('/api/me/close', { confirm: true });
    expect(closed.statusCode, closed.body).toBe(200);
    const body = closed.json<{ closedAt: string; kept: Array<{ category: string; until: string | null; rule: string }> }>();
    const archiveEnds = day(new Date(body.closedAt).getTime() + 30 * DAY);
    expect(body.kept.find((k) => k.category === 'account.id')).toMatchObject({ until: archiveEnds, rule: '30 days after your account is closed' });
    // Her open project's data waits for the project's completion: no date yet.
    expect(body.kept.find((k) => k.category === 'project.specifications')).toMatchObject({ until: null });
    expect((await alice.c.get('/api/me')).statusCode).toBe(401);
    const again = createClient(app);
    const signIn = await again.post('/api/auth/sign-in', { email: alice.email, password: TEST_PASSWORD });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json<{ reason?: string }>().reason ?? signIn.body).toContain('closed');
    const mail = await app.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('user_id', '=', alice.id).where('kind', '=', 'accounts.closed').executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(`until ${archiveEnds}`);
    expect(mail.body_text).toContain('can no longer sign in');
    expect(await count(`audit_log where action = 'accounts.closed' and subject_id = '${alice.id}'`)).toBe(1);
    expect(await count(`sessions where user_id = '${alice.id}' and revoked_at is null`)).toBe(0);
    // Closing twice is refused.
    expect((await app.services.retention.closeMyAccount({ userId: alice.id, sessionId: 's', role: 'customer' }, { requestId: 't' }).catch((e: { code: string }) => e.code))).toBe('forbidden');
  });

  it('keeps a closed account until its archive period ends, then erases it through the erasure flow', async () => {
    await dave.c.post('/api/me/close', { confirm: true });
    app.clock.set(new Date(t0.getTime() + 30 * DAY - 3600_000));
    expect((await app.services.retention.planRetention()).items.filter((i) => i.effect === 'erase accounts')).toEqual([]);
    await app.services.retention.runRetention();
    await app.jobs.drain();
    expect(await count(`users where id = '${alice.id}'`)).toBe(1);

    app.clock.set(new Date(t0.getTime() + 30 * DAY + 3600_000));
    const plan = await app.services.retention.planRetention();
    // Alice only: Dave is held, Bob's account is open.
    expect(plan.items.filter((i) => i.effect === 'erase accounts').map((i) => i.rows)).toContain(1);
    const run = await app.services.retention.runRetention();
    expect(run.certificate.disposed.filter((d) => d.table === 'users').reduce((n, d) => n + d.rows, 0)).toBe(1);
    await app.jobs.drain();
    expect(await count(`users where id = '${alice.id}'`)).toBe(0);
    expect(await count(`projects where customer_id = '${alice.id}'`)).toBe(0);
    expect(await count(`erasures where origin = 'retention' and status = 'completed'`)).toBe(1);
    expect(await count(`users where id = '${dave.id}'`)).toBe(1);
    expect(await count(`users where id = '${bob.id}' and status = 'active'`)).toBe(1);
    // Nothing left for a second run to start.
    const again = await app.services.retention.runRetention();
    expect(again.certificate.disposed.filter((d) => d.table === 'users').reduce((n, d) => n + d.rows, 0)).toBe(0);
    expect(await count(`erasures where origin = 'retention'`)).toBe(1);
  });
});
