import { describe, expect, it } from 'vitest';
import { compareDurations, describeDuration, formatIsoDuration, parseIsoDuration, type Duration } from './durations.js';

const d = (iso: string): Duration => {
  const parsed = parseIsoDuration(iso);
  if (!parsed) throw new Error(`bad duration ${iso}`);
  return parsed;
};

describe('durations', () => {
  it('parses ISO-like durations and keeps months apart from days', () => {
    expect(parseIsoDuration('P3Y')).toEqual({ years: 3, months: 0, days: 0 });
    expect(parseIsoDuration('P24M')).toEqual({ years: 0, months: 24, days: 0 });
    expect(parseIsoDuration('P2W')).toEqual({ years: 0, months: 0, days: 14 });
    expect(parseIsoDuration('P1Y6M10D')).toEqual({ years: 1, months: 6, days: 10 });
    for (const bad of ['P', '3Y', 'P1H', 'P99999Y', 'PT1M', '']) expect(parseIsoDuration(bad)).toBeUndefined();
    expect(formatIsoDuration(d('P1Y6M'))).toBe('P1Y6M');
  });

  it.each([
    ['P24M', 'P2Y', 0],
    ['P25M', 'P2Y', 1],
    ['P30D', 'P1M', -1],
    ['P31D', 'P1M', 0],
    ['P32D', 'P1M', 1],
    ['P45D', 'P30D', 1],
    ['P1Y', 'P365D', 1],
    ['P1Y', 'P366D', 0],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareDurations(d(a), d(b))).toBe(expected);
  });

  it.each([
    ['P3Y', {}, '3 years'],
    ['P24M', {}, '24 months'],
    ['P1Y', {}, '1 year'],
    ['P30D', {}, '30 days'],
    ['P1Y6M', {}, '1 year and 6 months'],
    ['P0D', {}, 'immediately'],
    ['P1M', { style: 'deadline', extension: 'P2M' }, 'one calendar month, extendable by two further months'],
    ['P45D', { style: 'deadline', extension: 'P45D' }, '45 days, extendable by a further 45 days'],
    ['P30D', { style: 'deadline' }, '30 days'],
    ['P1M', { style: 'deadline', extension: 'P1M' }, 'one calendar month, extendable by a further month'],
  ] as const)('describes %s as %s', (iso, options, expected) => {
    const extension = 'extension' in options ? d(options.extension) : undefined;
    const style = 'style' in options ? options.style : undefined;
    expect(describeDuration(d(iso), { style, extension })).toBe(expected);
  });
});
