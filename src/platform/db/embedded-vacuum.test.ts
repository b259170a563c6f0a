import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test-support/test-database.js';
import { vacuumEmbeddedDatabase } from './embedded-vacuum.js';
import type { DatabaseHandle } from './index.js';

let handle: DatabaseHandle<unknown>;
beforeAll(async () => {
  handle = await openTestDatabase();
  // Rows that are rewritten over and over, with an index on what changes (so no update stays on its page).
  await handle.executeSql(`create table counters (key text primary key, hits integer not null, window_ends_at timestamptz not null)`);
  await handle.executeSql(`create index counters_window on counters (window_ends_at)`);
  await handle.executeSql(`insert into counters select 'k' || g, 0, now() from generate_series(1, 2000) g`);
});
afterAll(async () => handle?.close());

const sizeOnDisk = async () => Number((await handle.executeSql(`select pg_total_relation_size('counters') as bytes`)).rows[0]!.bytes);
const number = async (text: string) => Number(Object.values((await handle.executeSql(text)).rows[0]!)[0]);

/** Ten rewrites of every row, as a busy day of rate limiting would make. */
async function churn() {
  for (let i = 0; i < 10; i++) await handle.executeSql(`update counters set hits = hits + 1, window_ends_at = window_ends_at + interval '1 minute'`);
}

describe('vacuuming the embedded database', () => {
  it('leaves PostgreSQL to its own autovacuum', async (ctx) => {
    if (handle.kind !== 'postgres') ctx.skip();
    expect(await vacuumEmbeddedDatabase(handle)).toEqual({ tables: 0 });
  });

  it('on PGlite, which has no autovacuum: without it the dead rows stay for good; after it their space is used again, the planner knows the table and old rows are frozen', async (ctx) => {
    if (handle.kind !== 'pglite') ctx.skip();
    expect(await number(`select count(*) from pg_stat_activity where backend_type = 'autovacuum launcher'`)).toBe(0);
    const fresh = await sizeOnDisk();
    await churn();
    const afterDay1 = await sizeOnDisk();
    await churn();
    const afterDay2 = await sizeOnDisk();
    // Nothing reclaims anything by itself: each day's rewrites add their own space.
    expect(afterDay1).toBeGreaterThan(fresh * 3);
    expect(afterDay2 - afterDay1).toBeGreaterThan((afterDay1 - fresh) / 2);

    const { tables } = await vacuumEmbeddedDatabase(handle);
    // Every table, the system catalogs included (the database's oldest unfrozen row moves only then).
    expect(tables).toBe(await number(`select count(*) from pg_class where relkind in ('r', 'm') and relpersistence = 'p'`));
    expect(await number(`select count(*) from pg_class where relkind = 'r' and relnamespace = 'pg_catalog'::regnamespace`)).toBeLessThan(tables);
    expect(await number(`select reltuples from pg_class where relname = 'counters'`)).toBe(2000);
    expect(await number(`select count(*) from pg_stats where tablename = 'counters'`)).toBe(3);
    expect(await number(`select age(datfrozenxid) from pg_database where datname = current_database()`)).toBeLessThan(100);

    const day = afterDay1 - fresh;
    await churn();
    const afterDay3 = await sizeOnDisk();
    await vacuumEmbeddedDatabase(handle);
    await churn();
    const afterDay4 = await sizeOnDisk();
    // The next days' rewrites go into the space the vacuum freed: the table grows by a fraction of a
    // day's rewrites (the index on an ever later time only reuses pages emptied whole), less each day.
    expect(afterDay4 - afterDay2).toBeLessThan(day / 4);
    expect(afterDay4 - afterDay3).toBeLessThan(day / 10);
    expect(await number(`select count(*) from counters where hits = 40`)).toBe(2000);
  });

  it('stops between tables when its job is aborted', async (ctx) => {
    if (handle.kind !== 'pglite') ctx.skip();
    const abort = new AbortController();
    abort.abort(new Error('job expired'));
    await expect(vacuumEmbeddedDatabase(handle, abort.signal)).rejects.toThrow('job expired');
  });
});
