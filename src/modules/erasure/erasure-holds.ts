import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import { eachHeldScope } from '../legal-holds/index.js';
import { heldRows, type ForeignKey } from '../subject-data/index.js';

/** One hold in force, as erasure sees it: which rows of a table it keeps (null: none there). */
export type ErasureHold = { id: string; reason: string; rows: (table: string) => RawBuilder<boolean> | null };
export type ErasureHolds = { each: ErasureHold[]; any: (table: string) => RawBuilder<boolean> | null };

/**
 * The legal holds in force for an erasure run: the rows retention would spare (`heldRows`), and
 * also the rows a held row points at by foreign key (a held project's customer account), since
 * deleting those would take the held row with them (the schema cascades) or fail.
 */
export async function erasureHolds(db: Kysely<unknown>, registry: TableRegistry, foreignKeys: ForeignKey[], at: Date): Promise<ErasureHolds> {
  const each = (await eachHeldScope(db, at)).map((h) => ({ id: h.id, reason: h.reason, rows: withParents(heldRows(registry, foreignKeys, h.scopes), foreignKeys) }));
  const any = (table: string) => orAll(each.map((h) => h.rows(table)));
  return { each, any };
}

function withParents(held: (table: string) => RawBuilder<boolean> | null, foreignKeys: ForeignKey[]) {
  return (table: string): RawBuilder<boolean> | null => {
    const parts = [held(table)];
    for (const fk of foreignKeys.filter((f) => f.refTable === table && f.table !== table)) {
      const child = held(fk.table);
      if (child) parts.push(sql<boolean>`exists (select 1 from ${sql.table(fk.table)} where ${sql.ref(`${fk.table}.${fk.column}`)} = ${sql.ref(`${table}.${fk.refColumn}`)} and ${child})`);
    }
    return orAll(parts);
  };
}

function orAll(parts: Array<RawBuilder<boolean> | null>): RawBuilder<boolean> | null {
  const present = parts.filter((p): p is RawBuilder<boolean> => p !== null);
  return present.length ? sql<boolean>`(${sql.join(present, sql` or `)})` : null;
}
