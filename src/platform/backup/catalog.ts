import type { SqlExecutor } from '../db/index.js';

export type TableInfo = { name: string; identityColumns: string[] };

/**
 * The application's tables in the public schema, ordered so that a table comes after every table
 * its foreign keys reference — the order rows must be restored in.
 */
export async function listTablesInDependencyOrder(sql: SqlExecutor): Promise<TableInfo[]> {
  const tables = (await sql(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).rows.map((r) => String(r.name));
  const fks = (
    await sql(`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`)
  ).rows.map((r) => ({ child: String(r.child), parent: String(r.parent) }));
  const identities = (
    await sql(`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_identity = 'YES'`)
  ).rows;

  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t) visit(fk.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered.map((name) => ({
    name,
    identityColumns: identities.filter((i) => i.table_name === name).map((i) => String(i.column_name)),
  }));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
