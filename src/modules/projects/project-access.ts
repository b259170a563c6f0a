import type { AppError } from '../../platform/errors/index.js';
import type { Principal, Role } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { projectsErrors } from './projects.errors.js';
import { acceptsFiles, canBecome, isClosed, NEXT_STATUSES, NOT_BY_HAND } from './project-status.js';
import * as store from './projects.store.js';
import type { ProjectRow, ProjectStatus, ProjectsTables } from './projects.tables.js';

export type ProjectAccess = {
  project: ProjectRow;
  /** The project's own customer, a staff member assigned to it, or a platform admin. */
  as: 'customer' | 'staff' | 'admin';
};

/**
 * The permission policy of everything about a project — its files, messages and quotes too. Only its
 * customer, the staff assigned to it and admins may see it; everyone else gets the same 404 whether or
 * not it exists. With `lock`, the project row is locked so status changes to it are serialised.
 */
export async function requireProjectAccess(work: Work, principal: Principal, projectId: string, opts: { lock?: boolean } = {}): Promise<ProjectAccess> {
  const db = tablesOf<ProjectsTables>(work);
  const project = await store.findProject(db, projectId, opts);
  if (!project) throw projectsErrors.projectNotFound();
  if (project.customer_id === principal.userId) return { project, as: 'customer' };
  if (principal.role === 'admin') return { project, as: 'admin' };
  if (principal.role === 'staff' && (await store.isAssigned(db, projectId, principal.userId))) return { project, as: 'staff' };
  throw projectsErrors.projectNotFound();
}

/** Staff and admins only (assigned staff, or any admin); the customer gets 403, strangers 404. */
export async function requireProjectStaff(work: Work, principal: Principal, projectId: string, opts: { lock?: boolean } = {}) {
  const access = await requireProjectAccess(work, principal, projectId, opts);
  if (access.as === 'customer') throw projectsErrors.staffOnly();
  return access;
}

/** Only customers open projects; only admins decide which staff work on one. */
export const PROJECT_CREATORS = ['customer'] as const satisfies readonly Role[];
export const STAFF_ASSIGNERS = ['admin'] as const satisfies readonly Role[];

export function mayCreateProjects(principal: Principal): boolean {
  return (PROJECT_CREATORS as readonly Role[]).includes(principal.role);
}

/** Why `as` may not set the project from `from` to `to` by hand, or null when they may. */
export function statusChangeRefusal(as: ProjectAccess['as'], from: ProjectStatus, to: ProjectStatus): AppError | null {
  if (as === 'customer' && to !== 'cancelled') return projectsErrors.customerMayOnlyCancel();
  if (NOT_BY_HAND.has(to)) return projectsErrors.notByHand(to);
  if (!canBecome(from, to)) return projectsErrors.illegalTransition(from, to, NEXT_STATUSES[from]);
  return null;
}

/** Why `as` may not promise (or withdraw) a delivery date, or null when they may. */
export function promisedDeliveryRefusal(as: ProjectAccess['as'], status: ProjectStatus): AppError | null {
  if (as === 'customer') return projectsErrors.staffOnly();
  if (isClosed(status)) return projectsErrors.closed(status);
  return null;
}

/** Why nobody may write on the project's thread any more, or null while they may: a closed project's thread is its record. */
export function messageRefusal(status: ProjectStatus): AppError | null {
  return isClosed(status) ? projectsErrors.closed(status) : null;
}

/**
 * What the caller may do with the project now, from the same rules the use-cases enforce, so the web
 * app shows only the controls that will work instead of keeping its own copy of the policy.
 */
export function projectPermissions(access: ProjectAccess, principal: Principal) {
  const status = access.project.status;
  return {
    viewerRole: access.as,
    allowedTransitions: NEXT_STATUSES[status].filter((to) => statusChangeRefusal(access.as, status, to) === null),
    canSetPromisedDelivery: promisedDeliveryRefusal(access.as, status) === null,
    canAssignStaff: (STAFF_ASSIGNERS as readonly Role[]).includes(principal.role),
    canAddFiles: acceptsFiles(status),
    canPostMessages: messageRefusal(status) === null,
  };
}

/**
 * Seed 004 promises need-to-know access to a customer's project: every time someone other than the
 * customer reads it (or its files, messages, quotes), one audit entry names what they read. The
 * reader is the unit of work's actor.
 */
export async function auditStaffRead(work: Work, access: ProjectAccess, what: string, details: Record<string, unknown> = {}) {
  if (access.as === 'customer') return;
  await work.audit({
    action: 'projects.read_by_staff',
    subjectId: access.project.customer_id,
    target: { type: 'project', id: access.project.id },
    details: { what, ...details },
  });
}

/**
 * A project without an access check, for work the system does on it (a file's analysis, an upload
 * registered or discarded): whose it is and what it is made to.
 */
export async function findProject(work: Work, projectId: string): Promise<ProjectRow | undefined> {
  return store.findProject(tablesOf<ProjectsTables>(work), projectId);
}
