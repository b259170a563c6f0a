import type { ProjectStatus } from './projects.tables.js';

/**
 * The life of a project. A quote may be issued straight from `received` (an instant quote needs no
 * review); a declined quote can send the project back to review; it can be cancelled until it ships.
 */
export const NEXT_STATUSES: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  received: ['in_review', 'quoted', 'cancelled'],
  in_review: ['quoted', 'cancelled'],
  quoted: ['in_production', 'in_review', 'cancelled'],
  in_production: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

/** Statuses reached only through their own use-case, never by a plain status change. */
export const NOT_BY_HAND: ReadonlySet<ProjectStatus> = new Set(['quoted', 'in_production']);

export function canBecome(from: ProjectStatus, to: ProjectStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function isClosed(status: ProjectStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

/** Files are added until the parts leave the workshop: after that they could no longer change the order. */
export function acceptsFiles(status: ProjectStatus): boolean {
  return ACCEPTS_FILES.has(status);
}
const ACCEPTS_FILES: ReadonlySet<ProjectStatus> = new Set(['received', 'in_review', 'quoted', 'in_production']);

export const STATUS_WORDS: Readonly<Record<ProjectStatus, string>> = {
  received: 'received',
  in_review: 'in review',
  quoted: 'quoted',
  in_production: 'in production',
  shipped: 'shipped',
  delivered: 'delivered',
  completed: 'completed',
  cancelled: 'cancelled',
};
