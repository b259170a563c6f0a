import { parseIsoDuration, type Duration } from './durations.js';
import type { PathSegment } from './parse.js';

/**
 * A problem found by reading the manifest as a whole, positioned by path. A warning is printed
 * with the problems but does not stop the manifest from being published.
 */
export interface SemanticIssue {
  readonly path: PathSegment[];
  readonly message: string;
  readonly warning?: true;
}

/*
 * The semantic checks read the raw parsed data rather than the schema's output, so that they can
 * run even when the schema found problems elsewhere, and every problem is reported in one pass.
 * These helpers never assume a shape: anything that is not what they look for is skipped (the
 * schema reports it).
 */

export type Entry = { readonly index: number; readonly value: Record<string, unknown> };

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function entries(value: unknown): Entry[] {
  if (!Array.isArray(value)) return [];
  const out: Entry[] = [];
  value.forEach((item, index) => {
    const record = asRecord(item);
    if (record) out.push({ index, value: record });
  });
  return out;
}

export function strings(value: unknown): { index: number; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (typeof item === 'string' ? [{ index, value: item }] : []));
}

/** `purpose "billing"`, or `purpose 3` when the entry has no usable id. */
export function label(entry: Entry, key: string, fallback: string): string {
  const id = entry.value[key];
  return typeof id === 'string' ? `${fallback} "${id}"` : `${fallback} ${entry.index + 1}`;
}

const isCount = (value: unknown): value is number | undefined => value === undefined || (Number.isInteger(value) && (value as number) >= 0);

/** A duration as written (`P3Y` or `{years: 3}`), or undefined when it is not one (the schema says why). */
export function rawDuration(value: unknown): Duration | undefined {
  if (typeof value === 'string') return parseIsoDuration(value);
  const record = asRecord(value);
  if (!record) return undefined;
  const { years, months, days } = record;
  if (!isCount(years) || !isCount(months) || !isCount(days)) return undefined;
  return { years: years ?? 0, months: months ?? 0, days: days ?? 0 };
}
