import { addDurationToDate, parseIsoDuration, type Duration } from '../privacy/index.js';

/**
 * How long before a period ends the renewal reminder goes out. The manifest states no notice period
 * for renewals (it is not a retention value), so the installation's custom: a week.
 */
export const RENEWAL_REMINDER_DAYS = 7;
/**
 * How long a renewal may stay unpaid (past due, the licence suspended) before the subscription ends:
 * the dunning period, a term of sale rather than a retention value.
 */
export const PAST_DUE_GRACE_DAYS = 14;

const DAY_MS = 86_400_000;

export function parsePeriod(text: string): Duration | undefined {
  const d = parseIsoDuration(text);
  return d && d.years + d.months + d.days > 0 ? d : undefined;
}

/** The end of a period starting at `start`: calendar months and years, the time of day kept. */
export function periodEnd(start: Date, period: string): Date {
  const duration = parsePeriod(period);
  if (!duration) throw new Error(`not a period: ${period}`);
  const dayStart = Date.parse(`${addDurationToDate(start, duration)}T00:00:00Z`);
  return new Date(dayStart + (start.getTime() % DAY_MS));
}

export function reminderDue(periodEnd: Date): Date {
  return new Date(periodEnd.getTime() - RENEWAL_REMINDER_DAYS * DAY_MS);
}

export function pastDueEnds(since: Date): Date {
  return new Date(since.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS);
}
