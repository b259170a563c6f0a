/**
 * Durations keep calendar units apart from days: "one calendar month" is not "30 days", and a
 * retention of P24M equals P2Y. Every sentence the policy prints about a period goes through
 * describeDuration so the wording is the same everywhere.
 */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

/** Upper bound on any one component, so arithmetic and rendering stay bounded on hostile input. */
export const MAX_DURATION_COMPONENT = 9999;

const ISO_DURATION = /^P(?!$)(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,4})D)?$/;

export function parseIsoDuration(text: string): Duration | undefined {
  const match = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, y, m, w, d] = match;
  return {
    years: Number(y ?? 0),
    months: Number(m ?? 0),
    days: Number(w ?? 0) * 7 + Number(d ?? 0),
  };
}

export function formatIsoDuration(duration: Duration): string {
  const { years, months, days } = duration;
  if (years === 0 && months === 0 && days === 0) return 'P0D';
  return `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}${days ? `${days}D` : ''}`;
}

export function totalMonths(duration: Duration): number {
  return duration.years * 12 + duration.months;
}

export function isZeroDuration(duration: Duration): boolean {
  return totalMonths(duration) === 0 && duration.days === 0;
}

/** The longest this duration can last, in days (a month may have 31 days, a year 366). */
export function upperBoundDays(duration: Duration): number {
  return duration.years * 366 + duration.months * 31 + duration.days;
}

/**
 * Compares two durations. Calendar-only durations compare by total months (P24M = P2Y), day-only
 * ones by days; a mix compares by upper bound, so a change from P30D to P1M counts as longer
 * (a month can be 31 days) while P1M to P31D does not.
 */
export function compareDurations(a: Duration, b: Duration): -1 | 0 | 1 {
  const aCalendarOnly = a.days === 0;
  const bCalendarOnly = b.days === 0;
  const aDaysOnly = totalMonths(a) === 0;
  const bDaysOnly = totalMonths(b) === 0;
  let left: number;
  let right: number;
  if (aCalendarOnly && bCalendarOnly) {
    left = totalMonths(a);
    right = totalMonths(b);
  } else if (aDaysOnly && bDaysOnly) {
    left = a.days;
    right = b.days;
  } else {
    left = upperBoundDays(a);
    right = upperBoundDays(b);
  }
  return left === right ? 0 : left > right ? 1 : -1;
}

export function addDurations(a: Duration, b: Duration): Duration {
  return { years: a.years + b.years, months: a.months + b.months, days: a.days + b.days };
}

const SMALL_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export interface DescribeDurationOptions {
  /**
   * 'period' (default) for retention and lifetimes: numerals ("3 years", "24 months").
   * 'deadline' for response times: calendar months named as such, small numbers in words
   * ("one calendar month"), because that is how the law phrases them and people read them.
   */
  readonly style?: 'period' | 'deadline';
  /** An extension the deadline allows: "…, extendable by two further months". */
  readonly extension?: Duration | undefined;
}

function countWord(count: number, style: 'period' | 'deadline'): string {
  return style === 'deadline' && count <= 10 ? (SMALL_NUMBERS[count] ?? String(count)) : String(count);
}

function unitPhrases(duration: Duration, style: 'period' | 'deadline', further: boolean): string[] {
  const phrases: string[] = [];
  const calendar = style === 'deadline' && !further;
  const add = (count: number, singular: string, plural: string): void => {
    if (count === 0) return;
    const unit = count === 1 ? singular : plural;
    if (!further) phrases.push(`${countWord(count, style)} ${unit}`);
    else if (count === 1) phrases.push(`a further ${unit}`);
    else if (style === 'deadline' && count <= 10) phrases.push(`${countWord(count, style)} further ${unit}`);
    else phrases.push(`a further ${count} ${unit}`);
  };
  add(duration.years, calendar ? 'calendar year' : 'year', calendar ? 'calendar years' : 'years');
  add(duration.months, calendar ? 'calendar month' : 'month', calendar ? 'calendar months' : 'months');
  add(duration.days, 'day', 'days');
  return phrases;
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? '';
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1] ?? ''}`;
}

/** "3 years", "24 months", "30 days", "one calendar month, extendable by two further months". */
export function describeDuration(duration: Duration, options: DescribeDurationOptions = {}): string {
  const style = options.style ?? 'period';
  const base = isZeroDuration(duration) ? 'immediately' : joinPhrases(unitPhrases(duration, style, false));
  const extension = options.extension;
  if (!extension || isZeroDuration(extension)) return base;
  return `${base}, extendable by ${joinPhrases(unitPhrases(extension, style, true))}`;
}
