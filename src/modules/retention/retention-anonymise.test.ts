import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';

const DAY = 24 * 3600 * 1000;
const ANONYMISED = ['contact.phone', 'account.company'];

/** The default manifest, but a phone number and a company name are anonymised ten days after the account's clock starts. */
const anonymiseContact = manifestVariant((doc) => {
  const rules = doc.retention as Array<{ categories: string[]; duration: string; starts_on: string; end_action: string }>;
  const from = rules.find((r) => r.categories.includes('contact.phone'))!;
  from.categories = from.categories.filter((c) => !ANONYMISED.includes(c));
  rules.push({ categories: ANONYMISED, duration: 'P10D', starts_on: from.starts_on, end_action: 'anonymise' });
});

let app: TestApp;
let alice: TestUser;

const user = (id: string) => app.db.selectFrom('users').select(['id', 'email', 'phone', 'company']).where('id', '=', id).executeTakeFirst();

beforeAll(async () => {
  app = await createTestApp();
  await putPolicyInForce(app, anonymiseContact);
  alice = await signedIn(app, 'customer', 'alice@example.com');
  expect((await alice.c.patch('/api/me', { phone: '+44 20 7946 0001', company: 'Alice Widgets' })).statusCode).toBe(200);
}, 60_000);

afterAll(async () => app?.dispose());

describe("retention's anonymise end action", () => {
  it('blanks the columns of the category in place and keeps the row, once the period ends', async () => {
    expect(await user(alice.id)).toMatchObject({ phone: '+44 20 7946 0001', company: 'Alice Widgets' });
    const started = (await sql<{ t: Date }>`select last_active_at as t from users where id = ${alice.id}`.execute(app.db)).rows[0]!.t;
    app.clock.set(new Date(new Date(started).getTime() + 10 * DAY - 60_000));
    expect((await app.services.retention.planRetention()).items.find((i) => i.table === 'users' && ANONYMISED.includes(i.category))).toBeUndefined();

    app.clock.set(new Date(new Date(started).getTime() + 10 * DAY + 60_000));
    const plan = await app.services.retention.planRetention();
    const phone = plan.items.find((i) => i.table === 'users' && i.category === 'contact.phone');
    expect(phone).toMatchObject({ endAction: 'anonymise', effect: 'blank columns', columns: ['phone'] });
    expect(phone!.rows).toBeGreaterThanOrEqual(1);
    await app.services.retention.runRetention();

    const after = await user(alice.id);
    expect(after).toMatchObject({ id: alice.id, email: 'alice@example.com' });
    expect(after!.phone ?? '').toBe('');
    expect(after!.company ?? '').toBe('');
    // Repeated, the run finds nothing left to blank.
    const again = await app.services.retention.planRetention();
    expect(again.items.filter((i) => i.table === 'users' && ANONYMISED.includes(i.category) && i.rows > 0)).toEqual([]);
  });
});
