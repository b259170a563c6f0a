import type { Kysely } from 'kysely';
import { addDurationToDate, describeDuration, isCategoryId, type PolicyValues, type TRetentionRule } from '../privacy/index.js';
import * as store from './subject-data.store.js';
import { ownedCondition, type TableScope } from './subject-scope.js';

export type RetentionText = {
  /** "3 years after the project is completed" */
  rule: string;
  endAction: TRetentionRule['end_action'];
  reason: string | null;
};

const EVENT_WORDS: Record<TRetentionRule['starts_on'], string> = {
  event_time: 'after it was recorded',
  last_activity: 'after your last activity',
  project_completed: 'after the project is completed',
  order_completed: 'after the order is completed',
  fiscal_year_end: 'after the end of the fiscal year it belongs to',
  account_closed: 'after your account is closed',
  consent_withdrawn: 'after you withdraw your consent',
  subscription_ended: 'after the subscription ends',
  relationship_ended: 'after our relationship ends',
  session_ended: 'after the session ends',
};

/** The manifest's retention rule for a category, or null when the manifest has none for it. */
export function retentionRule(values: PolicyValues, category: string): TRetentionRule | null {
  if (!isCategoryId(category)) return null;
  try {
    return values.retentionFor(category);
  } catch {
    return null;
  }
}

export function describeRetention(rule: TRetentionRule): RetentionText {
  return { rule: `${describeDuration(rule.duration)} ${EVENT_WORDS[rule.starts_on]}`, endAction: rule.end_action, reason: rule.reason ?? null };
}

/**
 * The calendar date a row's retention ends, from the time in its retentionStart column. A fiscal-year
 * rule counts from the last day of the fiscal year the start falls in (the manifest's `fiscal_year_end`).
 */
export function retentionEnds(rule: TRetentionRule, start: Date | null, values: Pick<PolicyValues, 'fiscalYearEnd'>): string | null {
  if (!start || Number.isNaN(start.getTime())) return null;
  if (rule.starts_on !== 'fiscal_year_end') return addDurationToDate(start, rule.duration);
  const { month, day } = values.fiscalYearEnd;
  const afterYearEnd = start.getUTCMonth() + 1 > month || (start.getUTCMonth() + 1 === month && start.getUTCDate() > day);
  const year = start.getUTCFullYear() + (afterYearEnd ? 1 : 0);
  const from = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDurationToDate(from, rule.duration);
}

/** The oldest and newest retention start among the person's own rows of a table (two dates bound every row's end). */
export async function retentionSpan(db: Kysely<unknown>, scope: TableScope, userId: string): Promise<Date[]> {
  const owned = ownedCondition(scope, userId);
  const column = scope.entry.retentionStart;
  if (!owned || !column) return [];
  const row = await store.selectSpan(db, scope.table, column, owned);
  return [row?.lo, row?.hi].filter((v): v is Date | string => v !== null && v !== undefined).map((v) => new Date(v));
}
