/** Subscription states, periods and money, written for people. */
import type { Subscription } from '../api/subscriptions-api.js';

export const STATUS_LABELS: Record<Subscription['status'], string> = {
  incomplete: 'Waiting for the first payment',
  active: 'Active',
  past_due: 'Payment due',
  canceled: 'Cancelled',
  expired: 'Ended (unpaid)',
};

export const STATUS_TONES: Record<Subscription['status'], string> = { incomplete: 'badge-warn', active: 'badge-ok', past_due: 'badge-warn', canceled: '', expired: '' };

const UNITS: Record<string, [string, string]> = { Y: ['year', 'years'], M: ['month', 'months'], W: ['week', 'weeks'], D: ['day', 'days'] };

/** "P1M" → "month", "P3M" → "3 months". */
export function periodWords(iso: string): string {
  const parts = [...iso.slice(1).matchAll(/(\d+)([YMWD])/g)].map(([, n, u]) => (Number(n) === 1 ? UNITS[u!]![0] : `${n} ${UNITS[u!]![1]}`));
  return parts.join(' and ') || iso;
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}
