import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The retention walker's queries on any table the registry lists, by name (generic on purpose, as
 * export's and erasure's): `due` selects the rows whose period ended. `db` is a transaction of one
 * batch (`work.trx`) or, for counting, the database.
 */
type AnyDb = Kysely<unknown>;

export type DueSummary = { rows: number; earliestClock: Date | null; earliestEnd: Date | null };

export async function summariseDue(db: AnyDb, table: string, due: RawBuilder<boolean>, clock: RawBuilder<unknown>, ends: RawBuilder<unknown>): Promise<DueSummary> {
  const r = await sql<{ n: number; c: Date | string | null; e: Date | string | null }>`
    select count(*)::int as n, min(${clock}) as c, min(${ends}) at time zone 'UTC' as e from ${sql.table(table)} where ${due}`.execute(db);
  const row = r.rows[0];
  return { rows: Number(row?.n ?? 0), earliestClock: toDate(row?.c), earliestEnd: toDate(row?.e) };
}

// `ctid = any(array(…))` rather than `ctid in (…)`: a TID scan fetches just the batch's rows, where a
// semi-join would scan the whole table again for every batch (a run over n rows would cost n²).

/** Deletes up to `limit` due rows; returns each one's clock and, for vault-backed rows, its stored object. */
export async function deleteDueBatch(db: AnyDb, table: string, due: RawBuilder<boolean>, clock: RawBuilder<unknown>, objectColumn: string | null, limit: number) {
  const object = objectColumn ? sql`${sql.ref(objectColumn)}` : sql`null`;
  const r = await sql<{ clock: Date | string | null; object: string | null }>`
    delete from ${sql.table(table)} where ctid = any(array(select ctid from ${sql.table(table)} where ${due} limit ${limit}))
    returning ${clock} as clock, ${object} as object`.execute(db);
  return r.rows.map((row) => ({ clock: toDate(row.clock), object: row.object }));
}

/** Up to `limit` subjects (in order, after `after`) of the due rows of the people's own table. */
export async function dueSubjects(db: AnyDb, table: string, subject: string, due: RawBuilder<boolean>, after: string | null, limit: number): Promise<string[]> {
  const next = after === null ? sql`true` : sql`${sql.ref(subject)}::text > ${after}`;
  const r = await sql<{ s: string }>`
    select ${sql.ref(subject)}::text as s from ${sql.table(table)} where ${due} and ${next} order by ${sql.ref(subject)}::text limit ${limit}`.execute(db);
  return r.rows.map((row) => row.s);
}

/** Blanks `sets` in up to `limit` due rows; returns how many. */
export async function updateDueBatch(db: AnyDb, table: string, due: RawBuilder<boolean>, sets: Array<[string, unknown]>, limit: number): Promise<number> {
  const assignments = sql.join(sets.map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
  const r = await sql`update ${sql.table(table)} set ${assignments} where ctid = any(array(select ctid from ${sql.table(table)} where ${due} limit ${limit}))`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** `table.column` of every nullable column of the public schema. */
export async function readNullableColumns(db: AnyDb): Promise<Set<string>> {
  const r = await sql<{ t: string; c: string }>`
    select table_name as t, column_name as c from information_schema.columns
    where table_schema = 'public' and is_nullable = 'YES'`.execute(db);
  return new Set(r.rows.map((row) => `${row.t}.${row.c}`));
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
