import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../test-support/builders.js';
import { policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { up as uniqueAcceptances } from './migrations/202612060400-privacy-acceptances-unique.js';
import { madeByOperator, publishAcceptedByUse } from './acceptance-test-support.js';

/*
 * A person accepts each version once: requests side by side (a double click on "accept", or the
 * first pages of the app loading together where use is acceptance) record one acceptance, audited
 * once, and every one of them answers as if it alone had recorded it.
 */

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs(); // publishing (the by_use case) queues the change notices
}, 60_000);
afterAll(async () => app?.dispose());

const acceptancesOf = (userId: string) => app.db.selectFrom('policy_acceptances').select(['version', 'how', 'accepted_at']).where('user_id', '=', userId).execute();
const auditedFor = async (userId: string) => (await auditEntries(app, 'privacy.policy_accepted')).filter((e) => e.subject_id === userId);

describe('acceptances recorded side by side', () => {
  it('records one acceptance of a version accepted by several requests at once, and each answers it', async () => {
    const { id, c } = await madeByOperator(app, 'double@race.test');
    const { version, hash } = await policyShown(app);
    const answers = await Promise.all(Array.from({ length: 6 }, () => c.post('/api/me/policy-acceptance', { version, hash, accepted: true })));
    for (const res of answers) expect(res.statusCode, res.body).toBe(201);
    const rows = await acceptancesOf(id);
    expect(rows).toEqual([expect.objectContaining({ version, how: 'ticked' })]);
    expect(new Set(answers.map((res) => res.json<{ acceptedAt: string }>().acceptedAt))).toEqual(new Set([rows[0]!.accepted_at.toISOString()]));
    expect(await auditedFor(id)).toHaveLength(1);
  });

  it('where use is acceptance, records one by-use acceptance for first requests that arrive together', async () => {
    await publishAcceptedByUse(app);
    const { id, c } = await madeByOperator(app, 'together@race.test');
    const answers = await Promise.all(Array.from({ length: 6 }, () => c.get('/api/me/sessions')));
    for (const res of answers) expect(res.statusCode, res.body).toBe(200);
    expect(await acceptancesOf(id)).toEqual([expect.objectContaining({ how: 'by_use' })]);
    expect(await auditedFor(id)).toHaveLength(1);
  });
});

describe('the migration that makes acceptances unique', () => {
  it('keeps the earliest of the duplicates a race left, then refuses a second row', async () => {
    const { id } = await madeByOperator(app, 'duplicated@race.test');
    const { version, hash } = await policyShown(app);
    await sql`drop index policy_acceptances_user_version_key`.execute(app.db);
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
    const earliest = randomUUID();
    for (const [rowId, ms] of [[randomUUID(), 5], [earliest, 0], [randomUUID(), 5]] as const) {
      await app.db.insertInto('policy_acceptances').values({ id: rowId, user_id: id, version, document_hash: hash, accepted_at: at(ms), how: 'ticked' }).execute();
    }
    await uniqueAcceptances(app.db as unknown as Kysely<unknown>);
    expect(await app.db.selectFrom('policy_acceptances').select(['id', 'accepted_at']).where('user_id', '=', id).execute()).toEqual([{ id: earliest, accepted_at: at(0) }]);
    await expect(app.db.insertInto('policy_acceptances').values({ id: randomUUID(), user_id: id, version, document_hash: hash, accepted_at: at(9), how: 'ticked' }).execute()).rejects.toThrow(/unique|duplicate/i);
  });
});
