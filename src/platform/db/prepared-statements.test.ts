import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseTarget } from '../../test-support/test-database.js';
import type { DatabaseHandle } from './index.js';

type Db = { gears: { id: number; name: string; teeth?: number } };

let handle: DatabaseHandle<Db> & { label: string };
let db: Kysely<Db>;

beforeAll(async () => {
  handle = await openTestDatabase<Db>();
  db = handle.db;
  await sql`create table gears (id int primary key, name text not null)`.execute(db);
  await db.insertInto('gears').values({ id: 1, name: 'spur' }).execute();
});
afterAll(async () => handle?.close());

// Named prepared statements on PostgreSQL (issue #12); on PGlite the same queries run unnamed.
describe('parameterised queries, prepared once per connection', () => {
  const all = () => db.selectFrom('gears').selectAll().where('id', '=', 1).execute();

  it('answer the same when run again and again', async () => {
    for (let i = 0; i < 8; i++) expect(await all()).toEqual([{ id: 1, name: 'spur' }]);
  });

  it('see a column added after they were prepared (the schema change makes every connection prepare afresh)', async () => {
    await Promise.all([all(), all(), all()]);
    await sql`alter table gears add column teeth int not null default 12`.execute(db);
    for (let i = 0; i < 4; i++) expect(await Promise.all([all(), all()])).toEqual([[{ id: 1, name: 'spur', teeth: 12 }], [{ id: 1, name: 'spur', teeth: 12 }]]);
  });

  it.skipIf(testDatabaseTarget() === null)('see a column another process added, outside a transaction without an error, inside one with it', async () => {
    // A connection of pg's own, not through Kysely's pool: the pool learns of its change only from
    // PostgreSQL, as it would of another process's migration.
    const other = await handle.dedicatedConnection!();
    try {
      await Promise.all([all(), all()]);
      await other.query('alter table gears add column bore int not null default 5');
      for (let i = 0; i < 3; i++) expect(await Promise.all([all(), all()])).toEqual([[{ id: 1, name: 'spur', teeth: 12, bore: 5 }], [{ id: 1, name: 'spur', teeth: 12, bore: 5 }]]);
      await other.query('alter table gears add column pitch int not null default 2');
      // In a transaction the statement cannot run again (the transaction is aborted): on a connection that
      // had prepared it the error stands (on one that had not, it simply answers), and the next query works.
      const inTransaction = await db
        .transaction()
        .execute((trx) => trx.selectFrom('gears').selectAll().where('id', '=', 1).execute())
        .then(() => 'answered', (error: { code?: string }) => error.code);
      expect(['answered', '0A000']).toContain(inTransaction);
      expect(await all()).toEqual([{ id: 1, name: 'spur', teeth: 12, bore: 5, pitch: 2 }]);
    } finally {
      other.release();
    }
  });

  it('keep working past the number of distinct texts a connection keeps (IN lists of every length)', async () => {
    for (let n = 1; n <= 260; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      expect(await db.selectFrom('gears').select('name').where('id', 'in', ids).execute()).toEqual([{ name: 'spur' }]);
    }
    expect(await all()).toHaveLength(1);
  });

  it('leave a failed transaction to fail alone: the next query on the pool answers', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('gears').selectAll().where('id', '=', 1).execute();
        await sql`select 1 / ${0}::int`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await all()).toHaveLength(1);
  });
});
