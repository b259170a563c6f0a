import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test-support/test-database.js';
import type { DatabaseHandle } from './index.js';

type Db = { parts: { id: number; name: string } };

let handle: DatabaseHandle<Db> & { label: string };
let db: Kysely<Db>;

beforeAll(async () => {
  handle = await openTestDatabase<Db>();
  db = handle.db;
  await sql`create table parts (id int primary key, name text not null)`.execute(db);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await db.deleteFrom('parts').execute();
});

/** A controlled transaction that a failing test body cannot leave open: PGlite's one connection would stay held and every later query hang. */
async function controlled(body: (trx: ControlledTransaction<Db>) => Promise<void>) {
  const trx = await db.startTransaction().execute();
  try {
    await body(trx);
  } finally {
    if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
  }
}

const names = async () => (await db.selectFrom('parts').select('name').orderBy('id').execute()).map((r) => r.name);

// Runs on PGlite, or on PostgreSQL when MESHVAULT_TEST_DATABASE_URL is set: both drivers must agree.
describe('savepoints in a controlled transaction', () => {
  it('rolling back to a savepoint undoes only what came after it; a released one keeps its part', async () => {
    await controlled(async (trx) => {
      await trx.insertInto('parts').values({ id: 1, name: 'before' }).execute();
      const undone = await trx.savepoint('undone').execute();
      await undone.insertInto('parts').values({ id: 2, name: 'undone' }).execute();
      const afterRollback = await undone.rollbackToSavepoint('undone').execute();
      await afterRollback.insertInto('parts').values({ id: 3, name: 'after rollback' }).execute();
      const kept = await afterRollback.savepoint('kept').execute();
      await kept.insertInto('parts').values({ id: 4, name: 'kept' }).execute();
      await kept.releaseSavepoint('kept').execute();
      await trx.commit().execute();
    });

    expect(await names()).toEqual(['before', 'after rollback', 'kept']);
  });

  it('recovers from a failed statement by rolling back to the savepoint before it, then commits the rest', async () => {
    await controlled(async (trx) => {
      await trx.insertInto('parts').values({ id: 1, name: 'first' }).execute();
      // A name that needs quoting: the driver must send it as an identifier, not as raw SQL.
      const risky = await trx.savepoint('duplicate "id"').execute();
      await expect(risky.insertInto('parts').values({ id: 1, name: 'duplicate' }).execute()).rejects.toThrow(/duplicate key/);
      await risky.rollbackToSavepoint('duplicate "id"').execute();
      await trx.insertInto('parts').values({ id: 2, name: 'second' }).execute();
      await trx.commit().execute();
    });

    expect(await names()).toEqual(['first', 'second']);
  });

  it('a rolled-back transaction keeps nothing, released savepoints included', async () => {
    await controlled(async (trx) => {
      const sp = await trx.savepoint('sp').execute();
      await sp.insertInto('parts').values({ id: 1, name: 'gone' }).execute();
      await sp.releaseSavepoint('sp').execute();
      await trx.rollback().execute();
    });

    expect(await names()).toEqual([]);
  });
});
