import { sql, type Kysely, type RawBuilder } from 'kysely';

export type EndSpan = { earliest: Date | null; latest: Date | null; rows: number; waiting: number };

/** Over the rows `where` selects: when the first and last periods end, and how many rows' clocks have not started. */
export async function selectEndSpan(db: Kysely<unknown>, table: string, where: RawBuilder<boolean>, clock: RawBuilder<unknown>, ends: RawBuilder<unknown>): Promise<EndSpan> {
  const r = await sql<{ lo: Date | string | null; hi: Date | string | null; n: number; w: number }>`
    select min(${ends}) at time zone 'UTC' as lo, max(${ends}) at time zone 'UTC' as hi, count(*)::int as n, (count(*) filter (where ${clock} is null))::int as w
    from ${sql.table(table)} where ${where}`.execute(db);
  const row = r.rows[0];
  return { earliest: toDate(row?.lo), latest: toDate(row?.hi), rows: Number(row?.n ?? 0), waiting: Number(row?.w ?? 0) };
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
