import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { verifyAuditChain } from './index.js';

let app: TestApp;
/** Entries the app itself wrote at start (e.g. publishing the first manifest). */
let base = 0;
beforeAll(async () => {
  app = await createTestApp();
  base = (await app.db.selectFrom('audit_log').select('id').execute()).length;
  for (let i = 0; i < 5; i++) {
    await app.uow.run({ actor: SYSTEM_ACTOR }, (work) => work.audit({ action: `test.entry_${i}`, details: { n: i, nested: { b: 1, a: [1, 2] } } }));
  }
});
afterAll(async () => app?.dispose());

async function tamper(statement: string) {
  await app.db.transaction().execute(async (trx) => {
    await sql`set local meshvault.audit_maintenance = 'on'`.execute(trx);
    await sql.raw(statement).execute(trx);
  });
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(app.db)).toEqual({ ok: true, entries: base + 5 });
  });

  it('stays one chain when writers append at once, and hashes text beyond ASCII as verify reads it back', async () => {
    const writers = Array.from({ length: 12 }, (_, i) =>
      app.uow.run({ actor: SYSTEM_ACTOR }, (work) => work.audit({ action: `test.concurrent_${i}`, details: { who: `Zoë ${i} — 測試`, quote: 'a "b"\\n' } })),
    );
    await Promise.all(writers);
    expect(await verifyAuditChain(app.db)).toEqual({ ok: true, entries: base + 17 });
    await app.db.transaction().execute(async (trx) => {
      await sql`set local meshvault.audit_maintenance = 'on'`.execute(trx);
      await sql`delete from audit_log where action like 'test.concurrent_%'`.execute(trx);
      const last = await trx.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      await sql`update audit_head set last_id = ${last.id}, last_hash = ${last.hash} where id = 1`.execute(trx);
    });
    expect(await verifyAuditChain(app.db)).toEqual({ ok: true, entries: base + 5 });
  });

  it('refuses updates and deletes outside maintenance', async () => {
    await expect(sql`update audit_log set action = 'x' where id = ${base + 2}`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${base + 2}`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('names an edited entry', async () => {
    await tamper(`update audit_log set details = '{"n": 99}' where id = ${base + 3}`);
    const result = await verifyAuditChain(app.db);
    expect(result).toMatchObject({ ok: false, firstBadId: base + 3 });
    await tamper(`update audit_log set details = '{"n": 2, "nested": {"a": [1, 2], "b": 1}}' where id = ${base + 3}`);
    expect(await verifyAuditChain(app.db)).toEqual({ ok: true, entries: base + 5 });
  });

  it('names the entry after a deleted one', async () => {
    await tamper(`delete from audit_log where id = ${base + 2}`);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: false, firstBadId: base + 3 });
  });

  it('notices that the newest entry was deleted', async () => {
    await tamper(`delete from audit_log where id = ${base + 5}`);
    const result = await verifyAuditChain(app.db);
    expect(result.ok).toBe(false);
  });
});
