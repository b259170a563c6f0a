import type { Kysely } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { Work } from '../../platform/unit-of-work/index.js';
import type { PolicyValues, TRetentionRule } from '../privacy/index.js';
import { ownedCondition, personalColumns, readForeignKeys, retentionRule, subjectScopes } from '../subject-data/index.js';
import { clockOf, periodEnds } from './retention-clock.js';
import { selectEndSpan } from './retention-dates.store.js';

/** When one category of a person's data goes, by the same clocks the retention runs use. */
export type CategoryEnd = {
  category: string;
  rule: TRetentionRule;
  /** The first and last dates (YYYY-MM-DD, UTC) on which rows of it reach the end of their period. */
  earliestEnd: string | null;
  latestEnd: string | null;
  /** Rows whose clock has not started (a project not completed, an account not closed): no date yet. */
  waiting: number;
};

/**
 * The actual dates a person's data will go, per category, computed from the registry's clocks of
 * their own rows (a file runs from its project's completion, an account's data from its closure)
 * and the manifest's rules. Read in the caller's work, so it sees the caller's changes.
 */
export async function retentionDatesOf(work: Work, registry: TableRegistry, values: PolicyValues, userId: string): Promise<CategoryEnd[]> {
  const db = work.trx as Kysely<unknown>;
  const foreignKeys = await readForeignKeys(db);
  const byCategory = new Map<string, { rule: TRetentionRule; lo: Date[]; hi: Date[]; waiting: number }>();
  for (const scope of subjectScopes(registry, foreignKeys)) {
    const owned = ownedCondition(scope, userId);
    if (!owned) continue;
    // Columns kept with their row go when the row goes, under another category's rule: not dated by their own.
    for (const category of new Set(personalColumns(scope.entry).filter(([, c]) => c.erase !== 'keep-with-row').map(([, c]) => c.category))) {
      const rule = retentionRule(values, category);
      if (!rule) continue;
      const clock = clockOf(registry, foreignKeys, scope.table, scope.table, rule.starts_on);
      if (!clock) continue;
      const span = await selectEndSpan(db, scope.table, owned, clock, periodEnds(clock, rule, values.fiscalYearEnd));
      if (span.rows === 0) continue;
      const item = byCategory.get(category) ?? { rule, lo: [], hi: [], waiting: 0 };
      if (span.earliest) item.lo.push(span.earliest);
      if (span.latest) item.hi.push(span.latest);
      item.waiting += span.waiting;
      byCategory.set(category, item);
    }
  }
  const day = (d: Date | undefined) => d?.toISOString().slice(0, 10) ?? null;
  return [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, item]) => ({
    category,
    rule: item.rule,
    earliestEnd: day(item.lo.sort((a, b) => a.getTime() - b.getTime())[0]),
    latestEnd: day(item.hi.sort((a, b) => a.getTime() - b.getTime()).at(-1)),
    waiting: item.waiting,
  }));
}
