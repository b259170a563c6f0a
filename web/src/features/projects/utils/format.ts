/** Numbers about models, money and project states, written for people. */
import type { ProjectStatus } from '../api/projects-api.js';

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  received: 'Received',
  in_review: 'In review',
  quoted: 'Quoted',
  in_production: 'In production',
  shipped: 'Shipped',
  delivered: 'Delivered',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The badge tone of each status: done is green, waiting on the customer is amber. */
export const STATUS_TONES: Record<ProjectStatus, 'accent' | 'ok' | 'warn' | 'plain'> = {
  received: 'plain',
  in_review: 'accent',
  quoted: 'warn',
  in_production: 'accent',
  shipped: 'accent',
  delivered: 'ok',
  completed: 'ok',
  cancelled: 'plain',
};

export const PROCESS_NAMES: Record<string, string> = {
  FDM: 'FDM (fused filament)',
  SLA: 'SLA (resin)',
  SLS: 'SLS (powder sintering)',
  MJF: 'MJF (Multi Jet Fusion)',
};

export const UNIT_NAMES: Record<string, string> = { mm: 'millimetres', cm: 'centimetres', m: 'metres', um: 'micrometres', in: 'inches', ft: 'feet' };

const number = (digits: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits });

export function formatCount(n: number): string {
  return number(0).format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${number(value < 10 ? 1 : 0).format(value)} ${units[unit]}`;
}

/** Lengths keep three significant-ish decimals: a 0.2 mm feature matters, a 0.0004 mm one does not. */
export function formatMm(mm: number): string {
  return `${number(Math.abs(mm) < 10 ? 2 : 1).format(mm)} mm`;
}

export function formatSize(size: { x: number; y: number; z: number }): string {
  const f = (v: number) => number(Math.abs(v) < 10 ? 2 : 1).format(v);
  return `${f(size.x)} × ${f(size.y)} × ${f(size.z)} mm`;
}

export function formatVolumeMm3(mm3: number): string {
  return `${number(2).format(mm3 / 1000)} cm³`;
}

export function formatAreaMm2(mm2: number): string {
  return `${number(2).format(mm2 / 100)} cm²`;
}

export { formatMoney } from '../../../lib/format.js';

/** "12.50" or "12,50" → 1250 cents; null when it is not an amount. */
export function parseMoneyToCents(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(/,(\d{1,2})$/, '.$1').replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const cents = Math.round(Number(clean) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

export function roleWord(role: string): string {
  switch (role) {
    case 'customer':
      return 'customer';
    case 'staff':
      return 'staff';
    case 'admin':
      return 'administrator';
    case 'system':
      return 'system';
    default:
      return role.replace(/_/g, ' ');
  }
}
