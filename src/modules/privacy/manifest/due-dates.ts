import { AppError } from '../../../platform/errors/index.js';
import { addDurations, type Duration } from './durations.js';
import type { TDeadline } from './schema.js';

/**
 * Request deadlines count calendar months the way the law does: a request received on 31 January
 * with one month to answer is due on the last day of February (28th, or 29th in a leap year).
 * Dates are calendar dates (YYYY-MM-DD) without a time of day; a Date is read as its UTC date.
 */
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toParts(date: string | Date): { year: number; month: number; day: number } {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new AppError('bad_request', 'the received date is not a valid date');
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  const match = PLAIN_DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new AppError('bad_request', `"${String(date).slice(0, 40)}" is not a calendar date in the form YYYY-MM-DD`, { date: String(date).slice(0, 40) });
  }
  return { year, month, day };
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds years and months first (clamping to the month's last day), then days. */
export function addDurationToDate(date: string | Date, duration: Duration): string {
  const start = toParts(date);
  const monthIndex = start.year * 12 + (start.month - 1) + duration.years * 12 + duration.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(start.day, daysInMonth(year, month));
  const shifted = new Date(Date.UTC(year, month - 1, day + duration.days));
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The date by which a request must be answered. With `extended`, the extension is counted from
 * receipt together with the base (one month + two further months = three months from receipt),
 * which is how GDPR art. 12(3) and the CCPA count it.
 */
export function computeDueDate(receivedOn: string | Date, deadline: TDeadline, options: { extended?: boolean } = {}): string {
  if (options.extended && !deadline.extension) {
    throw new AppError('unprocessable', 'this jurisdiction\'s deadline cannot be extended: the manifest declares no extension');
  }
  const total = options.extended && deadline.extension ? addDurations(deadline.base, deadline.extension) : deadline.base;
  return addDurationToDate(receivedOn, total);
}
