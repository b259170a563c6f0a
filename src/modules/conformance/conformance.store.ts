import { sql, type Kysely } from 'kysely';

/** Every column of the live public schema, for the check that the registry classifies them all. */
export async function liveColumns(db: Kysely<unknown>): Promise<Array<{ table: string; column: string }>> {
  const r = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_migration%' order by table_name, ordinal_position`.execute(db);
  return r.rows;
}
