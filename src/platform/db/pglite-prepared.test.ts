import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPglite } from './pglite-start.js';
import { PglitePreparedStatements } from './pglite-prepared.js';

let pglite: PGlite;
let statements: PglitePreparedStatements;

beforeAll(async () => {
  pglite = await startPglite({ dir: null });
  statements = new PglitePreparedStatements(pglite);
  await pglite.exec(`create table parts (
    id int8 primary key, name text, at timestamptz, spec jsonb, tags text[], blob bytea, ok boolean, price numeric, day date)`);
});
afterAll(async () => pglite?.close());

const prepared = async () => (await pglite.query<{ n: string }>(`select count(*)::int as n from pg_prepared_statements`)).rows[0]!.n;

describe('PGlite queries as named prepared statements', () => {
  const row = {
    id: 9007199254740,
    name: 'gear "spur"; \\ é',
    at: new Date('2026-12-06T10:11:12.345Z'),
    spec: { teeth: 12, bore: [5, null], note: 'a\nb' },
    tags: ['a,b', 'c"d', ''],
    blob: new Uint8Array([0, 1, 254, 255]),
    ok: false,
    price: '12.50',
    day: '2026-02-28',
  };
  const insert = 'insert into parts (id, name, at, spec, tags, blob, ok, price, day) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *';
  const select = 'select * from parts where id = $1';

  it('take and give every value as pglite.query does, every time it runs', async () => {
    const values = Object.values(row);
    const ours = await statements.query(insert, values);
    expect(ours.affectedRows).toBe(1);
    await pglite.query('delete from parts');
    const theirs = await pglite.query(insert, values);
    expect(ours.rows).toEqual(theirs.rows);
    for (let i = 0; i < 7; i++) expect((await statements.query(select, [row.id])).rows).toEqual(theirs.rows);
    expect((await statements.query(select, [null])).rows).toEqual([]);
    expect((await statements.query('update parts set ok = $1 where id > $2', [true, 0])).affectedRows).toBe(1);
  });

  it('parse a text once: a second run prepares nothing more', async () => {
    await statements.query(select, [1]);
    const before = await prepared();
    for (let i = 0; i < 5; i++) await statements.query(select, [i]);
    expect(await prepared()).toBe(before);
  });

  it('give Postgres errors with their codes, prepare nothing for a text that does not parse, and stay usable', async () => {
    await expect(statements.query(insert, Object.values(row))).rejects.toMatchObject({ code: '23505' });
    await expect(statements.query('selec * from parts where id = $1', [1])).rejects.toMatchObject({ code: '42601' });
    await expect(statements.query('select * from parts where id = $1', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await statements.query(select, [row.id])).rows).toHaveLength(1);
  });

  it('leave an aborted transaction aborted until it is rolled back, then answer', async () => {
    await statements.query('begin', []);
    await expect(statements.query('select 1 / $1::int as x', [0])).rejects.toMatchObject({ code: '22012' });
    await expect(statements.query(select, [row.id])).rejects.toMatchObject({ code: '25P02' });
    await statements.query('rollback', []);
    expect(pglite.isInTransaction()).toBe(false);
    expect((await statements.query(select, [row.id])).rows).toHaveLength(1);
  });

  it('see a column added after a text was prepared', async () => {
    expect(Object.keys((await statements.query<object>(select, [row.id])).rows[0]!)).not.toContain('teeth');
    await statements.query('alter table parts add column teeth int not null default 12', []);
    expect((await statements.query<{ teeth: number }>(select, [row.id])).rows[0]!.teeth).toBe(12);
  });

  it('prepare afresh when the session dropped its statements behind its back (DISCARD ALL, another column)', async () => {
    await statements.query(select, [row.id]);
    await pglite.exec('discard all');
    expect((await statements.query(select, [row.id])).rows).toHaveLength(1);
    await pglite.exec('alter table parts add column pitch int not null default 2');
    expect((await statements.query<{ pitch: number }>(select, [row.id])).rows[0]!.pitch).toBe(2);
  });

  it('keep at most a bounded number of statements in the session (IN lists of every length)', async () => {
    for (let n = 1; n <= 260; n++) {
      const ids = Array.from({ length: n }, (_, i) => i + 1);
      await statements.query(`select id from parts where id in (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
    }
    expect(await prepared()).toBeLessThanOrEqual(200);
    expect((await statements.query(select, [row.id])).rows).toHaveLength(1);
  });

  it('refuse a query once the database is closed, as pglite.query does', async () => {
    const other = await startPglite({ dir: null });
    const on = new PglitePreparedStatements(other);
    expect((await on.query<{ x: number }>('select $1::int as x', [1])).rows).toEqual([{ x: 1 }]);
    await other.close();
    await expect(other.query('select $1::int as x', [1])).rejects.toThrow('PGlite is closed');
    await expect(on.query('select $1::int as x', [1])).rejects.toThrow('PGlite is closed');
    await expect(on.query('select $1::int as y', [1])).rejects.toThrow('PGlite is closed');
  });
});
