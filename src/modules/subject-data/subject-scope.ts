import { sql, type RawBuilder } from 'kysely';
import { isPersonal, type PersonalColumn, type TableEntry, type TableRegistry } from '../../platform/registry/index.js';

/** A foreign key of the live schema (single-column keys only: the registry's subjects are single columns). */
export type ForeignKey = { table: string; column: string; refTable: string; refColumn: string; cascades: boolean };

/** How a person's rows are found in one registry table. */
export type TableScope = {
  table: string;
  entry: TableEntry;
  /** Rows that are the person's own: `subject = id`, or a parent row (by foreign key) that is theirs. */
  owned: { column: string } | { column: string; parent: string; parentColumn: string; parentSubject: string } | null;
  /** Columns naming another person on someone's row (author, actor); the person is erased from them only. */
  mentions: string[];
  /** Columns that hold an e-mail address: rows naming the person's address are theirs too. */
  emailColumns: string[];
};

export function personalColumns(entry: TableEntry): Array<[string, PersonalColumn]> {
  return Object.entries(entry.columns).filter((pair): pair is [string, PersonalColumn] => isPersonal(pair[1]));
}

/**
 * Every registry table where a person can have data, in the order erasure must visit them: a table
 * whose rows point at another table's rows comes before it, so nothing is removed by a cascade
 * before its own strategy (and crypto-shredding) ran; the account table comes last.
 */
export function subjectScopes(registry: TableRegistry, foreignKeys: ForeignKey[]): TableScope[] {
  const scopes: TableScope[] = [];
  for (const [table, entry] of Object.entries(registry)) {
    let owned: TableScope['owned'] = entry.subject ? { column: entry.subject } : null;
    if (!owned) {
      // A column that only mentions a person (alsoSubjects: an author, a staff member) is not the row's
      // owner, even when it is a foreign key to the accounts: the parent it hangs under is. The catalogue
      // lists foreign keys in no fixed order (PGlite and PostgreSQL differ), so this must not depend on it.
      const viaParent = foreignKeys.find((fk) => fk.table === table && registry[fk.refTable]?.subject && fk.refTable !== table && !(entry.alsoSubjects ?? []).includes(fk.column));
      const parentSubject = viaParent ? registry[viaParent.refTable]?.subject : null;
      if (viaParent && parentSubject) owned = { column: viaParent.column, parent: viaParent.refTable, parentColumn: viaParent.refColumn, parentSubject };
    }
    const mentions = (entry.alsoSubjects ?? []).filter((c) => c !== entry.subject);
    const emailColumns = personalColumns(entry)
      .filter(([, c]) => c.category === 'contact.email')
      .map(([name]) => name)
      .filter((name) => !name.endsWith('_at'));
    if (owned || mentions.length > 0 || emailColumns.length > 0) scopes.push({ table, entry, owned, mentions, emailColumns });
  }
  return orderForErasure(scopes, foreignKeys);
}

function orderForErasure(scopes: TableScope[], foreignKeys: ForeignKey[]): TableScope[] {
  const names = new Set(scopes.map((s) => s.table));
  const ordered: TableScope[] = [];
  const visiting = new Set<string>();
  const placed = new Set<string>();
  const byName = new Map(scopes.map((s) => [s.table, s]));
  // Depth-first: place every table that references `table` before it.
  const place = (table: string) => {
    if (placed.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of foreignKeys) if (fk.refTable === table && fk.table !== table && names.has(fk.table)) place(fk.table);
    visiting.delete(table);
    placed.add(table);
    const scope = byName.get(table);
    if (scope) ordered.push(scope);
  };
  for (const scope of [...scopes].sort((a, b) => a.table.localeCompare(b.table))) place(scope.table);
  return ordered;
}

/** `where` for the person's own rows of a table. */
export function ownedCondition(scope: TableScope, userId: string): RawBuilder<boolean> | null {
  const owned = scope.owned;
  if (!owned) return null;
  if ('parent' in owned) {
    return sql<boolean>`${sql.ref(owned.column)} in (select ${sql.ref(owned.parentColumn)} from ${sql.table(owned.parent)} where ${sql.ref(owned.parentSubject)} = ${userId})`;
  }
  return sql<boolean>`${sql.ref(owned.column)} = ${userId}`;
}

/** `where` for every row of a table that is the person's, names them, or holds their address. */
export function anyCondition(scope: TableScope, userId: string, email: string | null): RawBuilder<boolean> | null {
  const parts: RawBuilder<boolean>[] = [];
  const owned = ownedCondition(scope, userId);
  if (owned) parts.push(owned);
  for (const column of scope.mentions) parts.push(sql<boolean>`${sql.ref(column)} = ${userId}`);
  if (email) for (const column of scope.emailColumns) parts.push(sql<boolean>`lower(${sql.ref(column)}) = ${email.toLowerCase()}`);
  if (parts.length === 0) return null;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
