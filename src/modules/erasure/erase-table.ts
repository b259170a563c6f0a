import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { PolicyValues } from '../privacy/index.js';
import { erasedValue, isVaultBacked, VAULT_OBJECT_COLUMN, type PersonalColumn } from '../../platform/registry/index.js';
import { ownedCondition, personalColumns, retentionEnds, retentionRule, type TableScope } from '../subject-data/index.js';
import * as store from './erase-table.store.js';
import type { ErasureHolds } from './erasure-holds.js';

export type KeptItem = { table: string; category: string; columns: string[]; rows: number; reason: string; until: string | null };
export type TableOutcome = {
  table: string;
  deleted: number;
  updated: number;
  kept: number;
  /** category → rows whose values of that category were removed */
  removed: Record<string, number>;
  keptItems: KeptItem[];
  /** Vault objects whose key went with a deleted row. */
  objects: string[];
  /** Rows of the person a legal hold kept untouched, per hold. */
  held: HeldItem[];
};
export type HeldItem = { table: string; holdId: string; reason: string; rows: number };

type Person = { userId: string; email: string | null };
type Db = Transaction<unknown>;

/**
 * Applies (or, with `dryRun`, counts) the registry's strategies to one table for one person:
 * their own rows get every column's strategy; rows of others that name them (alsoSubjects) lose
 * only that column; rows holding their e-mail address get that column's strategy.
 * `exclude` spares one row (the erasure's own state, finalised last); rows under a legal hold in
 * `holds` are not touched at all (nor their vault objects), and are counted per hold.
 */
export async function eraseTable(trx: Db, scope: TableScope, person: Person, values: PolicyValues, opts: { dryRun: boolean; exclude?: RawBuilder<boolean>; holds?: ErasureHolds }): Promise<TableOutcome> {
  const out: TableOutcome = { table: scope.table, deleted: 0, updated: 0, kept: 0, removed: {}, keptItems: [], objects: [], held: [] };
  const anyHeld = opts.holds?.any(scope.table) ?? null;
  const spared = [opts.exclude, anyHeld].filter((p): p is RawBuilder<boolean> => p !== undefined && p !== null);
  const keep = spared.length ? sql`and not coalesce((${sql.join(spared, sql` or `)}), false)` : sql``;
  const touched: RawBuilder<boolean>[] = [];
  const columns = personalColumns(scope.entry).filter(([name]) => !scope.mentions.includes(name));
  const vaultBacked = isVaultBacked(scope.entry);

  const count = async (where: RawBuilder<boolean>) => store.countWhere(trx, scope.table, where, keep);
  const remove = async (where: RawBuilder<boolean>): Promise<number> => {
    if (opts.dryRun) {
      if (vaultBacked) out.objects.push(...(await objectsOf(trx, scope.table, where, keep)));
      return count(where);
    }
    if (vaultBacked) out.objects.push(...(await objectsOf(trx, scope.table, where, keep)));
    return store.deleteWhere(trx, scope.table, where, keep);
  };
  const update = async (where: RawBuilder<boolean>, sets: Array<[string, unknown]>): Promise<number> => {
    if (opts.dryRun || sets.length === 0) return count(where);
    return store.updateWhere(trx, scope.table, sets, where, keep);
  };
  const note = (category: string, rows: number) => {
    if (rows > 0) out.removed[category] = (out.removed[category] ?? 0) + rows;
  };

  // 1. The person's own rows: theirs by subject, or addressed to them (an invitation, a request
  // from the public form) by an e-mail column that identifies the row rather than mentioning someone.
  const addressed = person.email ? scope.emailColumns.filter((c) => rowIdentifying(scope, c)) : [];
  const parts = [ownedCondition(scope, person.userId), ...addressed.map((c) => sql<boolean>`lower(${sql.ref(c)}) = ${person.email!.toLowerCase()}`)].filter((p): p is RawBuilder<boolean> => p !== null);
  const owned = parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : null;
  if (owned && columns.length > 0) {
    touched.push(owned);
    if (columns.some(([, c]) => c.erase === 'delete-row')) {
      const n = await remove(owned);
      out.deleted += n;
      for (const [, c] of columns) note(c.category, n);
    } else {
      const sets = columns.filter(([, c]) => c.erase === 'null' || c.erase === 'anonymise').map(([name, c]) => [name, erasedValue(c)] as [string, unknown]);
      const keptColumns = columns.filter(([, c]) => c.erase === 'keep-legal-duty' || c.erase === 'keep-with-row');
      const n = await count(owned);
      if (n > 0) {
        if (keptColumns.length > 0) {
          out.keptItems.push(...(await keptItems(trx, scope, owned, keep, keptColumns, n, values)));
          out.kept += n;
        }
        if (sets.length > 0) {
          out.updated += await update(owned, sets);
          for (const [name] of sets) note(columnCategory(columns, name), n);
        }
      }
    }
  }

  // 2. Rows of others that name the person (an author, an actor): only that column.
  for (const column of scope.mentions) {
    const def = scope.entry.columns[column];
    if (!def || !('category' in def)) continue;
    const where = sql<boolean>`${sql.ref(column)} = ${person.userId}`;
    await applyColumn(column, def, where);
  }

  // 3. Rows of others that mention the person's address (as an agent, say): only that column.
  if (person.email) {
    for (const column of scope.emailColumns.filter((c) => !rowIdentifying(scope, c))) {
      const def = scope.entry.columns[column];
      if (!def || !('category' in def)) continue;
      await applyColumn(column, def, sql<boolean>`lower(${sql.ref(column)}) = ${person.email.toLowerCase()}`);
    }
  }

  // 4. What each hold kept of the rows the steps above would have changed.
  if (anyHeld && touched.length > 0) {
    const mine = sql<boolean>`(${sql.join(touched, sql` or `)})`;
    const own = opts.exclude ? sql`and not (${opts.exclude})` : sql``;
    for (const hold of opts.holds?.each ?? []) {
      const rows = hold.rows(scope.table);
      if (!rows) continue;
      const n = await store.countWhere(trx, scope.table, sql<boolean>`${mine} and coalesce((${rows}), false)`, own);
      if (n > 0) out.held.push({ table: scope.table, holdId: hold.id, reason: hold.reason, rows: n });
    }
  }
  return out;

  async function applyColumn(column: string, def: PersonalColumn, where: RawBuilder<boolean>) {
    touched.push(where);
    switch (def.erase) {
      case 'delete-row': {
        const n = await remove(where);
        out.deleted += n;
        note(def.category, n);
        return;
      }
      case 'null':
      case 'anonymise': {
        const n = await update(where, [[column, erasedValue(def)]]);
        out.updated += n;
        note(def.category, n);
        return;
      }
      case 'keep-legal-duty':
      case 'keep-with-row': {
        const n = await count(where);
        if (n > 0) {
          out.kept += n;
          out.keptItems.push(...(await keptItems(trx, scope, where, keep, [[column, def]], n, values)));
        }
        return;
      }
    }
  }
}

/** An e-mail column erased with its row (or kept with it) says whose the row is; one merely nulled mentions someone. */
function rowIdentifying(scope: TableScope, column: string): boolean {
  const def = scope.entry.columns[column];
  return !!def && 'category' in def && def.erase !== 'null' && def.erase !== 'anonymise';
}

function columnCategory(columns: Array<[string, PersonalColumn]>, name: string): string {
  return columns.find(([n]) => n === name)?.[1].category ?? 'account.id';
}

async function objectsOf(trx: Db, table: string, where: RawBuilder<boolean>, keep: RawBuilder<unknown>): Promise<string[]> {
  return store.selectColumnValues(trx, table, VAULT_OBJECT_COLUMN, where, keep);
}

/**
 * What stays, grouped by category, with the reason the registry states and the date the manifest's
 * retention ends (from the newest row's retentionStart). keep-with-row columns (ids, times) stay for
 * the reason their row stays.
 */
async function keptItems(trx: Db, scope: TableScope, where: RawBuilder<boolean>, keep: RawBuilder<unknown>, kept: Array<[string, PersonalColumn]>, rows: number, values: PolicyValues): Promise<KeptItem[]> {
  const rowReason = kept.find(([, c]) => c.erase === 'keep-legal-duty')?.[1].keepReason;
  let newest: Date | null = null;
  if (scope.entry.retentionStart) {
    const value = await store.selectNewest(trx, scope.table, scope.entry.retentionStart, where, keep);
    newest = value ? new Date(value) : null;
  }
  const byCategory = new Map<string, { columns: string[]; reason: string }>();
  for (const [name, c] of kept) {
    const reason = c.keepReason ?? rowReason ?? 'it identifies nothing once the rest of its row is erased';
    const item = byCategory.get(c.category) ?? { columns: [], reason };
    item.columns.push(name);
    byCategory.set(c.category, item);
  }
  return [...byCategory].map(([category, item]) => {
    const rule = retentionRule(values, category);
    return { table: scope.table, category, columns: item.columns, rows, reason: item.reason, until: rule ? retentionEnds(rule, newest, values) : null };
  });
}
