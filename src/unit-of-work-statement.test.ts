import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, recordAuditWith, verifyAuditChain } from './modules/audit/index.js';
import { createLogger } from './platform/log/logger.js';
import { createUnitOfWork, SYSTEM_ACTOR, type StatementChange } from './platform/unit-of-work/index.js';
import { openTestDatabase } from './test-support/test-database.js';

// A change of one statement with its audit entry in that statement (issue #12), on a database whose
// chain has not started: the first time the writer cannot take it so, and the unit of work makes the
// change and the entry in a transaction instead; once the chain has a head, in one statement.
describe('unit of work: one statement', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const now = () => new Date();
  beforeAll(async () => {
    database = await openTestDatabase({ start: 'migrated' });
    await sql`create table change_probe (n int not null)`.execute(database.db);
  });
  afterAll(async () => database?.close());

  const probe = (n: number): StatementChange<number | null> => ({
    ctes: sql`added as (insert into change_probe (n) values (${n}) returning n)`,
    answer: sql`select n from added`,
    parse: (row) => (row ? Number(row.n) : null),
  });
  const probes = async () => (await sql<{ n: number }>`select n from change_probe order by n`.execute(database.db)).rows.map((r) => r.n);
  const entries = async () => (await sql<{ action: string }>`select action from audit_log order by id`.execute(database.db)).rows.map((r) => r.action);

  it('without a head the writer changes nothing and says so', async () => {
    const entry = { actor: SYSTEM_ACTOR, action: 'test.probe' };
    expect(await recordAuditWith(database.db, { now }, entry, probe(1))).toBeNull();
    expect(await probes()).toEqual([]);
    expect(await entries()).toEqual([]);
  });

  it('the unit of work then makes the change and the entry in a transaction, and later in one statement', async () => {
    const uow = createUnitOfWork({
      db: database.db,
      log: createLogger('silent'),
      jobs: { send: async () => null },
      writeAudit: (trx, entry) => recordAudit(trx, { now }, entry),
      writeAuditWith: (db, entry, change) => recordAuditWith(db, { now }, entry, change),
      queueMail: async () => async () => {},
    });
    expect(await uow.runStatement({ actor: SYSTEM_ACTOR, requestId: 'req-1' }, probe(2), { action: 'test.first' })).toBe(2);
    expect(await uow.runStatement({ actor: SYSTEM_ACTOR, requestId: 'req-2' }, probe(3), { action: 'test.second', details: { n: 3 } })).toBe(3);
    // Now the chain has a head: the writer takes the change in its own statement.
    expect(await recordAuditWith(database.db, { now }, { actor: SYSTEM_ACTOR, action: 'test.third' }, probe(4))).toEqual({ answer: { n: 4 } });
    expect(await probes()).toEqual([2, 3, 4]);
    expect(await entries()).toEqual(['test.first', 'test.second', 'test.third']);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 3 });
  });

  it('a change that fails leaves no entry', async () => {
    const entry = { actor: SYSTEM_ACTOR, action: 'test.refused' };
    const failing: StatementChange<null> = { ctes: sql`added as (insert into change_probe (n) values (null) returning n)`, answer: sql`select n from added`, parse: () => null };
    await expect(recordAuditWith(database.db, { now }, entry, failing)).rejects.toThrow();
    expect(await entries()).toEqual(['test.first', 'test.second', 'test.third']);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 3 });
  });
});
