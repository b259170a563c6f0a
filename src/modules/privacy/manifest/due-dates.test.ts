import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/index.js';
import { computeDueDate } from './due-dates.js';
import { parseIsoDuration, type Duration } from './durations.js';
import type { TDeadline } from './schema.js';

const d = (iso: string): Duration => parseIsoDuration(iso) ?? { years: 0, months: 0, days: 0 };
const gdpr: TDeadline = { base: d('P1M'), extension: d('P2M') };
const ccpa: TDeadline = { base: d('P45D'), extension: d('P45D') };
const strict: TDeadline = { base: d('P30D') };

describe('computeDueDate', () => {
  it.each([
    ['GDPR ordinary day', '2025-03-10', gdpr, false, '2025-04-10'],
    ['31 January + 1 month clamps to 28 February', '2025-01-31', gdpr, false, '2025-02-28'],
    ['31 January + 1 month in a leap year is 29 February', '2024-01-31', gdpr, false, '2024-02-29'],
    ['30 January 2024 + 1 month is 29 February', '2024-01-30', gdpr, false, '2024-02-29'],
    ['31 March + 1 month clamps to 30 April', '2025-03-31', gdpr, false, '2025-04-30'],
    ['extension counts three months from receipt', '2025-01-31', gdpr, true, '2025-04-30'],
    ['across the year end', '2025-12-15', gdpr, false, '2026-01-15'],
    ['extended across the year end', '2025-11-30', gdpr, true, '2026-02-28'],
    ['CCPA 45 days', '2025-01-01', ccpa, false, '2025-02-15'],
    ['CCPA extended to 90 days', '2025-01-01', ccpa, true, '2025-04-01'],
    ['30 days over a leap February', '2024-02-15', strict, false, '2024-03-16'],
    ['30 days over a common February', '2025-02-15', strict, false, '2025-03-17'],
    ['29 February + 1 year-long month count', '2024-02-29', { base: d('P12M') }, false, '2025-02-28'],
  ] as const)('%s', (_name, received, deadline, extended, expected) => {
    expect(computeDueDate(received, deadline, { extended })).toBe(expected);
  });

  it('reads a Date as its UTC calendar date', () => {
    expect(computeDueDate(new Date('2024-01-31T23:59:00Z'), gdpr)).toBe('2024-02-29');
  });

  it('refuses an extension the manifest does not allow and malformed dates', () => {
    expect(() => computeDueDate('2025-01-01', strict, { extended: true })).toThrow(AppError);
    for (const bad of ['2025-02-30', '2025-13-01', 'yesterday', '2025-1-1']) expect(() => computeDueDate(bad, gdpr)).toThrow(/calendar date/);
  });
});
