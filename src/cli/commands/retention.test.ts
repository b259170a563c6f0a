import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestVariant } from '../../modules/privacy/test-manifests.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

const DAY = 24 * 3600 * 1000;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await putPolicyInForce(
    app,
    manifestVariant((doc) => {
      for (const rule of doc.retention as Array<{ categories: string[]; duration: string }>) if (rule.categories.includes('communications.notices')) rule.duration = 'P5D';
    }),
  );
  const old = new Date(app.clock.now().getTime() - 6 * DAY);
  for (let i = 0; i < 3; i++) {
    await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts) values (gen_random_uuid(), null, 'someone@example.com', 'Notice', 'Body', 'notice', ${old}, 0)`.execute(app.db);
  }
});
afterAll(async () => app?.dispose());

const run = (...argv: string[]) => runOnTestApp(app, ...argv);

describe('meshvault retention', () => {
  it('plans, runs with a certificate, and lists and prints the certificates', async () => {
    const plan = await run('retention', 'plan');
    expect(plan.out).toMatch(/mail_outbox · communications\.notices · 5 days after it was recorded, then delete: 3 rows deleted/);
    const json = JSON.parse((await run('retention', 'plan', '--json')).out) as { items: Array<{ table: string; rows: number }> };
    expect(json.items.find((i) => i.table === 'mail_outbox')?.rows).toBe(3);

    const ran = await run('retention', 'run');
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('Meshvault disposal certificate');
    expect(ran.out).toMatch(/mail_outbox · .* \(communications\.notices\) · delete: 3 rows/);
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from mail_outbox where created_at < ${app.clock.now()}::timestamptz - interval '5 days'`.execute(app.db)).rows[0]?.n)).toBe(0);
    expect((await run('retention', 'plan')).out).not.toContain('mail_outbox');

    const list = JSON.parse((await run('retention', 'certificates', '--json')).out) as Array<{ runId: string; rows: number; sha256: string }>;
    expect(list).toHaveLength(1);
    const printed = await run('retention', 'certificate', list[0]!.runId);
    expect(printed.out).toContain(list[0]!.sha256);
    expect((await run('retention', 'certificate', 'nope')).code).toBe(1);
  });
});
