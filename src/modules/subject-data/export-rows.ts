import { sql, type Kysely } from 'kysely';
import { isPersonal, type TableEntry } from '../../platform/registry/index.js';
import * as store from './subject-data.store.js';
import { anyCondition, ownedCondition, type TableScope } from './subject-scope.js';

export const EXPORT_PAGE_ROWS = 500;

export type ExportColumn = { name: string; category: string | null };

/**
 * The columns of a table that go into a person's export: what the registry marks exportable (not
 * secrets such as password hashes or wrapped keys), and ids and times that give rows their context.
 */
export function exportColumns(entry: TableEntry): ExportColumn[] {
  return Object.entries(entry.columns)
    .filter(([, c]) => !isPersonal(c) || c.export !== false)
    .map(([name, c]) => ({ name, category: isPersonal(c) ? c.category : null }));
}

/**
 * Reads a person's rows of one table a page at a time (bounded memory however many there are).
 * Their own rows come whole; on rows of others that merely name them (as author, actor) only that
 * it does and when; and any column naming someone else is blanked, so no one else's data leaves.
 */
export async function* readPersonRows(db: Kysely<unknown>, scope: TableScope, person: { userId: string; email: string }, primaryKey: string[]): AsyncGenerator<Record<string, unknown>> {
  const where = anyCondition(scope, person.userId, person.email);
  if (!where) return;
  const owned = ownedCondition(scope, person.userId) ?? sql<boolean>`false`;
  const byEmail = scope.emailColumns.length
    ? sql<boolean>`(${sql.join(scope.emailColumns.map((c) => sql`lower(${sql.ref(c)}) = ${person.email.toLowerCase()}`), sql` or `)})`
    : sql<boolean>`false`;
  const columns = exportColumns(scope.entry);
  const identifying = new Set([...(scope.entry.subject ? [scope.entry.subject] : []), ...scope.mentions]);
  const order = primaryKey.length ? sql.join(primaryKey.map((c) => sql.ref(c))) : sql`ctid`;
  const contextColumns = new Set(['id', scope.entry.retentionStart ?? '', 'created_at', 'at']);
  for (let offset = 0; ; offset += EXPORT_PAGE_ROWS) {
    const page = await store.selectPersonRowsPage(db, { table: scope.table, columns: columns.map((c) => c.name), owned, byEmail, where, order, limit: EXPORT_PAGE_ROWS, offset });
    for (const row of page) {
      const whole = row.__owned === true || row.__by_email === true;
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const value = row[c.name];
        if (identifying.has(c.name) && value !== null && value !== person.userId) out[c.name] = null;
        else if (whole || identifying.has(c.name) || contextColumns.has(c.name)) out[c.name] = value;
      }
      yield out;
    }
    if (page.length < EXPORT_PAGE_ROWS) return;
  }
}

export async function countPersonRows(db: Kysely<unknown>, scope: TableScope, person: { userId: string; email: string }): Promise<number> {
  const where = anyCondition(scope, person.userId, person.email);
  if (!where) return 0;
  return store.countRows(db, scope.table, where);
}

/** A stored value as text: times in ISO 8601, JSON columns as JSON. */
export function valueText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}
