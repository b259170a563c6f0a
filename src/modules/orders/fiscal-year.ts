/**
 * The fiscal year a day belongs to, named by the calendar year it ends in: with a year ending on 03-31,
 * 2026-04-01 belongs to fiscal year 2027. The manifest's `fiscal_year_end` gives the day (31 December
 * when it names none), the same day retention's fiscal-year clock counts from.
 */
export function fiscalYearOf(day: Date, fiscalYearEnd: { month: number; day: number }): number {
  const month = day.getUTCMonth() + 1;
  const afterYearEnd = month > fiscalYearEnd.month || (month === fiscalYearEnd.month && day.getUTCDate() > fiscalYearEnd.day);
  return day.getUTCFullYear() + (afterYearEnd ? 1 : 0);
}
