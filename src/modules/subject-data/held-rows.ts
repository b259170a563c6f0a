import { sql, type RawBuilder } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import { HOLD_SCOPE_TABLES, type HeldScopes } from '../legal-holds/index.js';
import { subjectScopes, type ForeignKey } from './subject-scope.js';

/**
 * Which rows of each registry table the holds in force keep, found as export and erasure find a
 * person's rows: a held person's own rows (by subject, or under a parent row that is theirs) and rows
 * naming them; a held project's or organisation's row and every row below it by foreign keys;
 * an organisation's members are held with it.
 */
export function heldRows(registry: TableRegistry, foreignKeys: ForeignKey[], held: HeldScopes): (table: string) => RawBuilder<boolean> | null {
  const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}::uuid`));
  const organisations = held.organisations.length ? ids(held.organisations) : null;
  const personSets: RawBuilder<unknown>[] = held.persons.length ? [sql`select ${sql.ref('p.id')} from (values ${sql.join(held.persons.map((id) => sql`(${id}::uuid)`))}) as p(id)`] : [];
  if (organisations) {
    for (const fk of foreignKeys.filter((f) => f.refTable === HOLD_SCOPE_TABLES.organisation)) {
      const subject = registry[fk.table]?.subject;
      if (subject) personSets.push(sql`select ${sql.ref(subject)} from ${sql.table(fk.table)} where ${sql.ref(fk.column)} in (${organisations})`);
    }
  }
  const persons = personSets.length ? sql`${sql.join(personSets, sql` union `)}` : null;
  const byTable = new Map<string, Array<[string, string]>>([
    [HOLD_SCOPE_TABLES.project, held.projects.map((id) => [id, 'project'] as [string, string])],
    [HOLD_SCOPE_TABLES.organisation, held.organisations.map((id) => [id, 'organisation'] as [string, string])],
  ]);
  const scopes = new Map(subjectScopes(registry, foreignKeys).map((s) => [s.table, s]));

  return (table) => {
    const parts: RawBuilder<boolean>[] = [];
    const ref = (column: string) => sql.ref(`${table}.${column}`);
    if (persons) {
      const scope = scopes.get(table);
      const owned = scope?.owned;
      if (owned && 'parent' in owned) parts.push(sql<boolean>`${ref(owned.column)} in (select ${sql.ref(owned.parentColumn)} from ${sql.table(owned.parent)} where ${sql.ref(owned.parentSubject)} in (${persons}))`);
      else if (owned) parts.push(sql<boolean>`${ref(owned.column)} in (${persons})`);
      for (const column of scope?.mentions ?? []) parts.push(sql<boolean>`${ref(column)} in (${persons})`);
    }
    for (const [scopeTable, list] of byTable) {
      if (list.length === 0) continue;
      parts.push(...heldUnder(table, scopeTable, ids(list.map(([id]) => id)), foreignKeys, []));
    }
    return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : null;
  };
}

/**
 * A held project's or organisation's row, and every row below it however deep: an order's lines and
 * invoices are held with the project the order belongs to, not only the order. `path` stops a circle.
 */
function heldUnder(table: string, scopeTable: string, listed: RawBuilder<unknown>, foreignKeys: ForeignKey[], path: string[]): RawBuilder<boolean>[] {
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  if (table === scopeTable) return [sql<boolean>`${ref('id')} in (${listed})`];
  const parts: RawBuilder<boolean>[] = [];
  for (const fk of foreignKeys) {
    if (fk.table !== table || fk.refTable === table || path.includes(fk.refTable)) continue;
    if (fk.refTable === scopeTable) {
      parts.push(sql<boolean>`${ref(fk.column)} in (${listed})`);
      continue;
    }
    const parent = heldUnder(fk.refTable, scopeTable, listed, foreignKeys, [...path, table]);
    if (parent.length) {
      parts.push(sql<boolean>`${ref(fk.column)} in (select ${sql.ref(`${fk.refTable}.${fk.refColumn}`)} from ${sql.table(fk.refTable)} where ${sql.join(parent, sql` or `)})`);
    }
  }
  return parts;
}
