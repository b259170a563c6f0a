import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

const DAY = 24 * 3600 * 1000;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await signedIn(app, 'customer', 'healthy@example.com');
});
afterAll(async () => app?.dispose());

const run = (...argv: string[]) => runOnTestApp(app, ...argv);

type Check = { ok: boolean; checks: Array<{ id: string; ok: boolean; problems: string[] }> };
const failing = (out: string) => (JSON.parse(out) as Check).checks.filter((c) => !c.ok).map((c) => c.id);

describe('meshvault privacy check', () => {
  it('passes on a healthy installation', async () => {
    const result = await run('privacy', 'check');
    expect(result.out).toContain('PASS  The audit chain is intact');
    expect(result.code, result.out).toBe(0);
    expect((JSON.parse((await run('privacy', 'check', '--json')).out) as Check).ok).toBe(true);
  });

  it('reports each kind of failure introduced by hand, and exits non-zero', async () => {
    // A record past its period (seed default: notices 3 years), a hand-over to a recipient the
    // manifest does not name, a request past its due date, a column nobody classified, an edited audit entry.
    await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts) values (gen_random_uuid(), null, 'old@example.com', 'Old', 'Old', 'notice', ${new Date(app.clock.now().getTime() - 4 * 366 * DAY)}, 0)`.execute(app.db);
    await sql`insert into disclosures (id, subject_id, kind, recipient, categories, legal_basis, disclosed_at, created_at) values (gen_random_uuid(), null, 'integration', 'shadow_analytics', '[]', 'consent', now(), now())`.execute(app.db);
    await sql`insert into rights_requests (id, kind, name, email, jurisdiction, status, received_on, due_on, created_at) values (gen_random_uuid(), 'access', 'Late', 'late@example.com', 'eu', 'open', '2020-01-01', '2020-02-01', now())`.execute(app.db);
    await sql`alter table users add column shoe_size int`.execute(app.db);
    await app.db.transaction().execute(async (trx) => {
      await sql`set local meshvault.audit_maintenance = 'on'`.execute(trx);
      await sql`update audit_log set action = 'edited' where id = (select min(id) from audit_log)`.execute(trx);
    });
    const result = await run('privacy', 'check', '--json');
    expect(result.code).toBe(1);
    expect(failing(result.out).sort()).toEqual(['audit_chain', 'columns_classified', 'recipients_declared', 'requests_due', 'retention']);
    const text = await run('privacy', 'check');
    expect(text.out).toContain('users.shoe_size is classified by no personal-data.ts');
    expect(text.out).toContain('to shadow_analytics, which the manifest does not name');
    expect(text.out).toMatch(/1 row of mail_outbox \(communications\.notices\) past "3 years after it was recorded"/);
    expect(text.err).toContain('Privacy check failed');
  });
});
