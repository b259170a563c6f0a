import { sql, type RawBuilder } from 'kysely';
import { erasedValue, isVaultBacked, type PersonalColumn, type TableRegistry } from '../../platform/registry/index.js';
import type { PolicyValues, TRetentionRule } from '../privacy/index.js';
import { personalColumns, retentionRule, type ForeignKey } from '../subject-data/index.js';
import { asOfUtc, clockOf, isSubjectTable, periodEnds } from './retention-clock.js';

/**
 * What a step does to the rows whose period ended: remove them, blank some columns in place, or (a
 * closed account at the end of its archive period) start the person's erasure, by `subject`.
 */
export type StepEffect = { kind: 'delete' } | { kind: 'update'; sets: Array<[string, unknown]> } | { kind: 'erase'; subject: string };

/** One table and one category: the rows of that table whose clock for the category's rule has run out. */
export type RetentionStep = {
  key: string;
  table: string;
  category: string;
  rule: TRetentionRule;
  effect: StepEffect;
  /** The row's clock for the rule's starting event, and when its period ends. */
  clock: RawBuilder<Date | null>;
  ends: RawBuilder<Date | null>;
  /** The rows the step acts on now (period over, not already done, not blocked, not held). */
  due: RawBuilder<boolean>;
  /** Deleting a row destroys its file's key: the step also reports and deletes the stored objects. */
  vaultBacked: boolean;
  /** A module that enforces this table's retention itself: the engine counts its rows but leaves them. */
  enforcedBy: string | null;
};

export type StepInputs = {
  registry: TableRegistry;
  foreignKeys: ForeignKey[];
  /** `table.column` of every column that may be NULL. */
  nullable: Set<string>;
  values: PolicyValues;
  asOf: Date;
  /** Rows a legal hold keeps, per table (absent: nothing held there). */
  held?: (table: string) => RawBuilder<boolean> | null;
};

/**
 * Every retention step of the installation, read from the registry and the manifest — no list of
 * tables. Tables are visited children first, so a row is never removed by a cascade before its own
 * period ends: a delete skips rows that other rows still reference through an `on delete cascade`.
 *
 * What a category's end action does to its columns, as erasure's strategies say:
 * - delete / aggregate: the row goes if any column of the category is erased with its row
 *   (`delete-row`) or was kept only for this period (`keep-legal-duty`); `null` / `anonymise` columns
 *   are blanked in place; `keep-with-row` columns stay with their row.
 * - anonymise: every column of the category is blanked (its `anonymiseWith`, else NULL); a column
 *   that can hold neither makes the row go. `keep-with-row` columns stay.
 * A row holding categories with different periods loses each category when its own period ends; a
 * row that must go whole goes when the first of those categories ends.
 */
export function retentionSteps(inputs: StepInputs): RetentionStep[] {
  const steps: RetentionStep[] = [];
  /** Per table visited, the rows this run removes whole, for its parents' waits (built once per table). */
  const goes = new Map<string, RawBuilder<boolean>>();
  const now = asOfUtc(inputs.asOf);
  for (const table of childrenFirst(inputs.registry, inputs.foreignKeys)) {
    const entry = inputs.registry[table]!;
    const byCategory = new Map<string, Array<[string, PersonalColumn]>>();
    for (const [name, column] of personalColumns(entry)) byCategory.set(column.category, [...(byCategory.get(column.category) ?? []), [name, column]]);
    const held = inputs.held?.(table);
    const notHeld = held ? [sql<boolean>`not coalesce((${held}), false)`] : [];
    const waits = unreferenced(table, inputs.foreignKeys, goes);
    /** The period conditions of the table's delete steps so far: a row is removed and counted once. */
    const expiredBefore: RawBuilder<boolean>[] = [];
    for (const [category, columns] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
      const rule = retentionRule(inputs.values, category);
      if (!rule) continue;
      const clock = clockOf(inputs.registry, inputs.foreignKeys, table, table, rule.starts_on);
      if (!clock) continue;
      const effect = rule.starts_on === 'account_closed' && entry.subject && isSubjectTable(inputs.registry, inputs.foreignKeys, table) ? { kind: 'erase' as const, subject: entry.subject } : effectOf(table, rule, columns, inputs.nullable);
      if (!effect) continue;
      const ends = periodEnds(clock, rule, inputs.values.fiscalYearEnd);
      const expired = sql<boolean>`(${ends} <= ${now})`;
      const conditions: RawBuilder<boolean>[] = [expired, ...notHeld];
      if (effect.kind === 'update') conditions.push(notYetBlank(effect.sets));
      else if (effect.kind === 'delete') {
        conditions.push(...waits);
        if (expiredBefore.length > 0) conditions.push(sql<boolean>`not coalesce((${sql.join(expiredBefore, sql` or `)}), false)`);
        if (!entry.retentionEnforcedBy) expiredBefore.push(expired);
      }
      steps.push({
        key: `${table}:${category}`,
        table,
        category,
        rule,
        effect,
        clock,
        ends,
        due: sql<boolean>`(${sql.join(conditions, sql` and `)})`,
        vaultBacked: effect.kind === 'delete' && isVaultBacked(entry),
        enforcedBy: entry.retentionEnforcedBy ?? null,
      });
    }
    if (expiredBefore.length > 0) goes.set(table, sql<boolean>`((${sql.join(expiredBefore, sql` or `)}) and ${sql.join([...waits, ...notHeld, sql<boolean>`true`], sql` and `)})`);
  }
  return steps;
}

function effectOf(table: string, rule: TRetentionRule, columns: Array<[string, PersonalColumn]>, nullable: Set<string>): StepEffect | null {
  const sets: Array<[string, unknown]> = [];
  for (const [name, column] of columns) {
    if (column.erase === 'keep-with-row') continue;
    if (rule.end_action !== 'anonymise') {
      if (column.erase === 'delete-row' || column.erase === 'keep-legal-duty') return { kind: 'delete' };
      sets.push([name, erasedValue(column)]);
      continue;
    }
    const value = column.erase === 'anonymise' ? erasedValue(column) : (column.anonymiseWith ?? null);
    if (value === null && !nullable.has(`${table}.${name}`)) return { kind: 'delete' };
    sets.push([name, value]);
  }
  return sets.length > 0 ? { kind: 'update', sets } : null;
}

/** Rows not yet blanked, so a run that is repeated or resumed finds nothing left to do. */
function notYetBlank(sets: Array<[string, unknown]>): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(sets.map(([c, v]) => (v === null ? sql`${sql.ref(c)} is not null` : sql`${sql.ref(c)}::text is distinct from ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`)), sql` or `)})`;
}

/**
 * A row other rows still point at through a cascading key would take them along: it waits for them,
 * unless they go in this same run (children are visited first, so they are gone by then).
 */
function unreferenced(table: string, foreignKeys: ForeignKey[], goes: Map<string, RawBuilder<boolean>>): RawBuilder<boolean>[] {
  return foreignKeys
    .filter((fk) => fk.refTable === table && fk.table !== table && fk.cascades)
    .map((fk) => {
      const childGoes = goes.get(fk.table);
      const staying = childGoes ? sql`and not coalesce(${childGoes}, false)` : sql``;
      return sql<boolean>`not exists (select 1 from ${sql.table(fk.table)} where ${sql.ref(`${fk.table}.${fk.column}`)} = ${sql.ref(`${table}.${fk.refColumn}`)} ${staying})`;
    });
}

/** Registry tables, each after every table whose rows reference it (by foreign key). */
export function childrenFirst(registry: TableRegistry, foreignKeys: ForeignKey[]): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: string) => {
    if (placed.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of foreignKeys) if (fk.refTable === table && fk.table !== table && registry[fk.table]) place(fk.table);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of Object.keys(registry).sort()) place(table);
  return ordered;
}
