import { sql, type RawBuilder } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { TRetentionRule } from '../privacy/index.js';
import type { ForeignKey } from '../subject-data/index.js';

/** The last day of the fiscal year, as month and day. */
export type YearEnd = { month: number; day: number };

/**
 * A row's retention clock for a starting event, as an expression on `alias`: the table's clock for
 * that event (`retentionClocks`), else its `retentionStart`; `{ via }` follows a foreign key to the
 * clock of the row it points to. Null when the table has no clock (its rows are not timed).
 * A table naming no clock for the event inherits one through its subject or its parent (a closed
 * account's sessions and project files run from the account's closure, not from their own time).
 */
export function clockOf(registry: TableRegistry, foreignKeys: ForeignKey[], table: string, alias: string, event: string, depth = 0): RawBuilder<Date | null> | null {
  const entry = registry[table];
  const clock = entry?.retentionClocks?.[event] ?? inheritedClock(registry, foreignKeys, table, event) ?? entry?.retentionStart;
  if (!clock) return null;
  if (typeof clock === 'string') return sql<Date | null>`${sql.ref(`${alias}.${clock}`)}`;
  const fk = foreignKeys.find((f) => f.table === table && f.column === clock.via);
  if (!fk || depth > 4) throw new Error(`The registry times ${table} for ${event} via ${clock.via}, which is not a foreign key of ${table}.`);
  const parent = `${alias}_${depth + 1}`;
  const inner = clockOf(registry, foreignKeys, fk.refTable, parent, event, depth + 1);
  if (!inner) return null;
  const followed = sql<Date | null>`(select ${inner} from ${sql.table(fk.refTable)} as ${sql.id(parent)} where ${sql.ref(`${parent}.${fk.refColumn}`)} = ${sql.ref(`${alias}.${clock.via}`)})`;
  // A row whose key is empty (a notice about no project) has nothing to follow: it runs on its own clock.
  // Only an empty key falls back; a parent whose clock has not started (an open project) keeps the row.
  const own = entry?.retentionStart;
  if (!own) return followed;
  return sql<Date | null>`(case when ${sql.ref(`${alias}.${clock.via}`)} is null then ${sql.ref(`${alias}.${own}`)} else ${followed} end)`;
}

/**
 * When a row's period ends (UTC, calendar arithmetic as the manifest's durations mean it: years and
 * months first, clamped to the month's last day, then days). A fiscal-year rule starts counting at
 * the end of the fiscal year the clock falls in.
 */
export function periodEnds(clock: RawBuilder<Date | null>, rule: TRetentionRule, yearEnd: YearEnd): RawBuilder<Date | null> {
  const utc = sql`(${clock} at time zone 'UTC')`;
  const { years, months, days } = rule.duration;
  const length = sql`make_interval(years => ${years}::int, months => ${months}::int, days => ${days}::int)`;
  if (rule.starts_on !== 'fiscal_year_end') return sql<Date | null>`(${utc} + ${length})`;
  const boundary = sql`((make_date(extract(year from ${utc})::int, ${yearEnd.month}::int, ${yearEnd.day}::int) + 1)::timestamp)`;
  return sql<Date | null>`(${boundary} + case when ${boundary} > ${utc} then interval '0 days' else interval '1 year' end + ${length})`;
}

/** The moment a run acts as of, comparable with `periodEnds`. */
export function asOfUtc(asOf: Date): RawBuilder<Date> {
  return sql<Date>`(${asOf.toISOString()}::timestamptz at time zone 'UTC')`;
}

/**
 * A clock the table inherits for `event`: through its subject, or through the parent it follows for
 * another event (a file follows its project), when that row has a clock for the event itself or
 * inherits one in turn (a file of a closed account's project runs from the account's closure).
 */
function inheritedClock(registry: TableRegistry, foreignKeys: ForeignKey[], table: string, event: string, depth = 0): { via: string } | undefined {
  const entry = registry[table];
  if (!entry || depth > 4) return undefined;
  const parents = [entry.subject, ...Object.values(entry.retentionClocks ?? {}).map((c) => (typeof c === 'string' ? null : c.via))];
  for (const column of parents) {
    const fk = column ? foreignKeys.find((f) => f.table === table && f.column === column && f.refTable !== table) : undefined;
    if (!fk) continue;
    if (registry[fk.refTable]?.retentionClocks?.[event] || inheritedClock(registry, foreignKeys, fk.refTable, event, depth + 1)) return { via: fk.column };
  }
  return undefined;
}

/**
 * The table whose rows are the people themselves (its subject column is its own key, `users`): at the
 * end of an `account_closed` period its rows are not deleted but erased, through the erasure flow.
 */
export function isSubjectTable(registry: TableRegistry, foreignKeys: ForeignKey[], table: string): boolean {
  const subject = registry[table]?.subject;
  return !!subject && !foreignKeys.some((f) => f.table === table && f.column === subject) && !!registry[table]?.retentionClocks?.account_closed;
}
