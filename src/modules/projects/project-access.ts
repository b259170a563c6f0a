import type { Queryable } from '../../platform/db/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit, type AuditDeps } from '../audit/index.js';
import { type TActor } from '../../platform/unit-of-work/index.js';
import type { ProjectsDb } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import * as store from './projects.store.js';
import type { ProjectRow } from './projects.tables.js';

export type ProjectAccess = {
  project: ProjectRow;
  /** How the caller appears in the audit trail. */
  actor: TActor;
  /** The project's own customer, a staff member assigned to it, or a platform admin. */
  as: 'customer' | 'staff' | 'admin';
};

/**
 * The permission policy of everything about a project — its files, messages and quotes too. Only its
 * customer, the staff assigned to it and admins may see it; everyone else gets the same 404 whether or
 * not it exists. With `lock`, the project row is locked so status changes to it are serialised.
 */
export async function requireProjectAccess(db: Queryable<ProjectsDb>, principal: Principal, projectId: string, opts: { lock?: boolean } = {}): Promise<ProjectAccess> {
  const project = await store.findProject(db, projectId, opts);
  if (!project) throw projectsErrors.projectNotFound();
  const actor = { id: principal.userId, role: principal.role };
  if (project.customer_id === principal.userId) return { project, actor, as: 'customer' };
  if (principal.role === 'admin') return { project, actor, as: 'admin' };
  if (principal.role === 'staff' && (await store.isAssigned(db, projectId, principal.userId))) return { project, actor, as: 'staff' };
  throw projectsErrors.projectNotFound();
}

/** Staff and admins only (assigned staff, or any admin); the customer gets 403, strangers 404. */
export async function requireProjectStaff(db: Queryable<ProjectsDb>, principal: Principal, projectId: string, opts: { lock?: boolean } = {}) {
  const access = await requireProjectAccess(db, principal, projectId, opts);
  if (access.as === 'customer') throw projectsErrors.staffOnly();
  return access;
}

/**
 * Seed 004 promises need-to-know access to a customer's project: every time someone other than the
 * customer reads it (or its files, messages, quotes), one audit entry names what they read.
 */
export async function auditStaffRead(
  trx: Queryable<ProjectsDb>,
  deps: AuditDeps,
  access: ProjectAccess,
  ctx: RequestContext,
  what: string,
  details: Record<string, unknown> = {},
) {
  if (access.as === 'customer') return;
  await recordAudit(trx, deps, {
    actor: access.actor,
    action: 'projects.read_by_staff',
    subjectId: access.project.customer_id,
    target: { type: 'project', id: access.project.id },
    requestId: ctx.requestId,
    details: { what, ...details },
  });
}
