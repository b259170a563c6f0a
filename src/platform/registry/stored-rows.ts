import { sql, type Kysely } from 'kysely';
import { isPersonal, type TableRegistry } from './define-tables.js';

export type StoredRows = { table: string; columns: string[]; rows: number };

/**
 * How many rows of each table hold a value of a category (a column not empty, not false), for the
 * tables the registry says store it. Publishing asks before a policy stops declaring a category.
 */
export async function countStoredRows(db: Kysely<unknown>, registry: TableRegistry, category: string): Promise<StoredRows[]> {
  const found: StoredRows[] = [];
  for (const [table, entry] of Object.entries(registry)) {
    const columns = Object.entries(entry.columns)
      .filter(([, column]) => isPersonal(column) && column.category === category)
      .map(([name]) => name);
    if (columns.length === 0) continue;
    const holds = sql.join(
      columns.map((c) => sql`coalesce(${sql.ref(c)}::text, '') not in ('', 'false')`),
      sql` or `,
    );
    const result = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)} where ${holds}`.execute(db);
    const rows = Number(result.rows[0]?.n ?? 0);
    if (rows > 0) found.push({ table, columns, rows });
  }
  return found;
}
