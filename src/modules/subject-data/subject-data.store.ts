import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ForeignKey } from './subject-scope.js';

/**
 * The registry walker's queries: the live schema's keys, and a person's rows of any table the
 * registry lists, by name. Generic on purpose (every module's tables); nothing else here runs SQL.
 * `db` is the database or a transaction (`work.trx`).
 */
type AnyDb = Kysely<unknown>;

/** Reads the live foreign keys; the registry says whose a row is, the schema says which rows hang under it. */
export async function readForeignKeys(db: AnyDb): Promise<ForeignKey[]> {
  const result = await sql<{ table: string; column: string; ref_table: string; ref_column: string; rule: string }>`
    select c.conrelid::regclass::text as table, a.attname as column, c.confrelid::regclass::text as ref_table,
           af.attname as ref_column, c.confdeltype as rule
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_attribute af on af.attrelid = c.confrelid and af.attnum = c.confkey[1]
    where c.contype = 'f' and array_length(c.conkey, 1) = 1 and c.connamespace = 'public'::regnamespace`.execute(db);
  return result.rows.map((r) => ({ table: r.table, column: r.column, refTable: r.ref_table, refColumn: r.ref_column, cascades: r.rule === 'c' }));
}

/** Primary-key columns of each public table, for stable paging. */
export async function readPrimaryKeys(db: AnyDb): Promise<Map<string, string[]>> {
  const result = await sql<{ table: string; column: string }>`
    select c.conrelid::regclass::text as table, a.attname as column
    from pg_constraint c
    join lateral unnest(c.conkey) with ordinality as k(attnum, n) on true
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'p' and c.connamespace = 'public'::regnamespace
    order by 1, k.n`.execute(db);
  const keys = new Map<string, string[]>();
  for (const r of result.rows) keys.set(r.table, [...(keys.get(r.table) ?? []), r.column]);
  return keys;
}

/** One page of `columns` of the rows `where` selects, with whether each is the person's own and addressed to them. */
export async function selectPersonRowsPage(
  db: AnyDb,
  page: { table: string; columns: string[]; owned: RawBuilder<boolean>; byEmail: RawBuilder<boolean>; where: RawBuilder<boolean>; order: RawBuilder<unknown>; limit: number; offset: number },
): Promise<Array<Record<string, unknown>>> {
  const result = await sql<Record<string, unknown>>`
      select ${sql.join(page.columns.map((c) => sql.ref(c)))}, (${page.owned}) as __owned, (${page.byEmail}) as __by_email
      from ${sql.table(page.table)} where ${page.where} order by ${page.order} limit ${page.limit} offset ${page.offset}`.execute(db);
  return result.rows;
}

export async function countRows(db: AnyDb, table: string, where: RawBuilder<boolean>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The oldest and newest value of `column` among the rows `where` selects. */
export async function selectSpan(db: AnyDb, table: string, column: string, where: RawBuilder<boolean>) {
  const r = await sql<{ lo: Date | string | null; hi: Date | string | null }>`select min(${sql.ref(column)}) as lo, max(${sql.ref(column)}) as hi from ${sql.table(table)} where ${where}`.execute(db);
  return r.rows[0];
}
