import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { verifyAuditChain } from '../audit/index.js';
import { manifestVariant } from '../privacy/test-manifests.js';

const DAY = 24 * 3600 * 1000;
const shortTrail = manifestVariant((doc) => {
  for (const rule of doc.retention as Array<{ categories: string[]; duration: string }>) if (rule.categories.includes('audit.trail')) rule.duration = 'P30D';
});

let app: TestApp;
let officer: TestUser;
let dave: TestUser;
let t0: Date;
const ids = async () => (await app.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));

beforeAll(async () => {
  app = await createTestApp();
  await putPolicyInForce(app, shortTrail);
  officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  t0 = app.clock.now();
}, 60_000);
afterAll(async () => app?.dispose());

describe('the audit trail at the end of its period', () => {
  it('is pruned from the chain start, whole, and what remains verifies from the anchor', async () => {
    app.clock.set(new Date(t0.getTime() + 10 * DAY));
    await signedIn(app, 'customer', 'later@example.com');
    dave = await signedIn(app, 'customer', 'dave@example.com');
    expect((await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Investigation 44', scope: 'person', scopeId: dave.id })).statusCode).toBe(201);
    const before = await ids();
    const firstDay = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where at < ${new Date(t0.getTime() + DAY)}`.execute(app.db)).rows[0]?.n);
    expect(firstDay).toBeGreaterThan(0);

    app.clock.set(new Date(t0.getTime() + 31 * DAY));
    const run = await app.services.retention.runRetention();
    expect(run.certificate.disposed.find((d) => d.table === 'audit_log')?.rows).toBe(firstDay);
    const after = await ids();
    expect(after[0]).toBe(before[firstDay]);
    const anchor = await app.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
    expect(Number(anchor.pruned_through_id)).toBe(before[firstDay - 1]);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
  });

  it('stops at an entry a legal hold keeps: the entries after it wait, so the chain stays whole', async () => {
    app.clock.set(new Date(t0.getTime() + 45 * DAY));
    await app.services.retention.runRetention();
    const first = await app.db.selectFrom('audit_log').select(['subject_id', 'at']).orderBy('id').executeTakeFirstOrThrow();
    // Everything of day ten before Dave's first entry went; his (held) entry now starts the chain.
    expect(first.subject_id).toBe(dave.id);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
    // Tampering is still caught: deleting the entry after the anchor breaks the chain.
    await sql`select set_config('meshvault.audit_maintenance', 'on', false)`.execute(app.db);
    await sql`delete from audit_log where id = (select min(id) from audit_log)`.execute(app.db);
    await sql`select set_config('meshvault.audit_maintenance', 'off', false)`.execute(app.db);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: false });
  });
});
