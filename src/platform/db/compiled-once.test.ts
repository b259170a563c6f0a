import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test-support/test-database.js';
import { compiledOnce } from './compiled-once.js';
import type { DatabaseHandle } from './index.js';

type Db = { bolts: { id: number; size: string; length: number | null } };

let handle: DatabaseHandle<Db> & { label: string };
let db: Kysely<Db>;

beforeAll(async () => {
  handle = await openTestDatabase<Db>();
  db = handle.db;
  await sql`create table bolts (id int primary key, size text not null, length int)`.execute(db);
  await db.insertInto('bolts').values([{ id: 1, size: 'M4', length: 10 }, { id: 2, size: 'M5', length: null }, { id: 3, size: 'M4', length: 20 }]).execute();
});
afterAll(async () => handle?.close());

describe('compiledOnce', () => {
  const bySize = compiledOnce(2, (q: Kysely<Db>, size: string, longer: number) =>
    q.selectFrom('bolts').select(['id']).where('size', '=', size).where(sql<boolean>`coalesce(length, 0) > ${longer}`).orderBy('id'),
  );

  it('binds each call its own values, in a transaction as outside one', async () => {
    expect((await bySize(db, 'M4', 0)).rows).toEqual([{ id: 1 }, { id: 3 }]);
    expect((await bySize(db, 'M4', 15)).rows).toEqual([{ id: 3 }]);
    await db.transaction().execute(async (trx) => expect((await bySize(trx, 'M5', -1)).rows).toEqual([{ id: 2 }]));
  });

  it('refuses a query that leaves a value out or turns it into text', () => {
    const dropped = compiledOnce(1, (q: Kysely<Db>, _size: string) => q.selectFrom('bolts').select('id'));
    expect(() => dropped(db, 'M4')).toThrow(/every value must be placed/);
    const inlined = compiledOnce(1, (q: Kysely<Db>, size: string) => q.selectFrom('bolts').select('id').where(sql.raw<boolean>(`size = '${size}'`)));
    expect(() => inlined(db, 'M4')).toThrow(/every value must be placed/);
  });
});
