import type { Kysely } from 'kysely';
import { describeRetention } from '../subject-data/index.js';
import { loadSteps } from './load-steps.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import type { RetentionStep } from './retention-steps.js';
import { summariseDue } from './retention-walk.store.js';

export type RetentionPlanItem = {
  table: string;
  category: string;
  /** The manifest's rule in words ("30 days after it was recorded") and its end action. */
  rule: string;
  endAction: 'delete' | 'anonymise' | 'aggregate';
  /** What happens to the rows: they go, the category's columns are blanked in place, or (closed accounts) the person is erased. */
  effect: 'delete rows' | 'blank columns' | 'erase accounts';
  columns: string[];
  rows: number;
  /** Vault files whose key goes with the rows. */
  files: boolean;
  earliestStart: string | null;
  earliestEnd: string | null;
  /** A module that removes these rows itself (the engine leaves them to it). */
  enforcedBy: string | null;
};

export type RetentionPlan = { asOf: string; policyVersion: number; items: RetentionPlanItem[]; totalRows: number };

/** What a run as of now (or `asOf`) would remove, by table, category and rule, with counts and the earliest dates. */
export async function planRetention(deps: RetentionBaseDeps, opts: { asOf?: Date } = {}): Promise<RetentionPlan> {
  const asOf = opts.asOf ?? deps.now();
  const active = await deps.policy.current();
  const steps = await loadSteps(deps, active.values, asOf);
  const items: RetentionPlanItem[] = [];
  for (const step of steps) {
    const due = await summariseDue(deps.db as unknown as Kysely<unknown>, step.table, step.due, step.clock, step.ends);
    if (due.rows === 0) continue;
    items.push(planItem(step, due));
  }
  return { asOf: asOf.toISOString(), policyVersion: active.version, items, totalRows: items.reduce((n, i) => n + i.rows, 0) };
}

function planItem(step: RetentionStep, due: { rows: number; earliestClock: Date | null; earliestEnd: Date | null }): RetentionPlanItem {
  const words = describeRetention(step.rule);
  return {
    table: step.table,
    category: step.category,
    rule: words.rule,
    endAction: step.rule.end_action,
    effect: step.effect.kind === 'delete' ? 'delete rows' : step.effect.kind === 'erase' ? 'erase accounts' : 'blank columns',
    columns: step.effect.kind === 'update' ? step.effect.sets.map(([c]) => c) : [],
    rows: due.rows,
    files: step.vaultBacked,
    earliestStart: due.earliestClock?.toISOString() ?? null,
    earliestEnd: due.earliestEnd?.toISOString() ?? null,
    enforcedBy: step.enforcedBy,
  };
}
