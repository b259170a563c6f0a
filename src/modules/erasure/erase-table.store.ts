import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The erasure walker's queries on any table the registry lists, by name (generic on purpose): `where`
 * selects the rows, `keep` (an `and not (…)` fragment, or empty) spares the erasure's own row.
 * `db` is the transaction of one erasure step (`work.trx`).
 */
type AnyDb = Kysely<unknown>;
type Fragment = RawBuilder<unknown>;

export async function countWhere(db: AnyDb, table: string, where: RawBuilder<boolean>, keep: Fragment): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where} ${keep}`.execute(db)).rows[0]?.n ?? 0);
}

export async function deleteWhere(db: AnyDb, table: string, where: RawBuilder<boolean>, keep: Fragment): Promise<number> {
  return Number((await sql`delete from ${sql.table(table)} where ${where} ${keep}`.execute(db)).numAffectedRows ?? 0);
}

export async function updateWhere(db: AnyDb, table: string, sets: Array<[string, unknown]>, where: RawBuilder<boolean>, keep: Fragment): Promise<number> {
  const assignments = sql.join(sets.map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
  return Number((await sql`update ${sql.table(table)} set ${assignments} where ${where} ${keep}`.execute(db)).numAffectedRows ?? 0);
}

export async function selectColumnValues(db: AnyDb, table: string, column: string, where: RawBuilder<boolean>, keep: Fragment): Promise<string[]> {
  const rows = await sql<{ key: string }>`select ${sql.ref(column)} as key from ${sql.table(table)} where ${where} ${keep}`.execute(db);
  return rows.rows.map((r) => r.key);
}

export async function selectNewest(db: AnyDb, table: string, column: string, where: RawBuilder<boolean>, keep: Fragment): Promise<Date | string | null> {
  const r = await sql<{ t: Date | string | null }>`select max(${sql.ref(column)}) as t from ${sql.table(table)} where ${where} ${keep}`.execute(db);
  return r.rows[0]?.t ?? null;
}
