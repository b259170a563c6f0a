import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import * as store from './projects.store.js';

/** An admin gives a staff member access to one project (need-to-know: staff see nothing else). */
export async function assignStaff(deps: ProjectsDeps, principal: Principal, projectId: string, staffId: string, ctx: RequestContext) {
  await deps.db.transaction().execute(async (trx) => {
    const project = await store.findProject(trx, projectId, { lock: true });
    if (!project) throw projectsErrors.projectNotFound();
    const staff = await store.findUser(trx, staffId);
    if (staff?.role !== 'staff' || staff.status !== 'active') throw projectsErrors.notStaff();
    if (await store.isAssigned(trx, projectId, staffId)) return;
    await store.insertAssignment(trx, { project_id: projectId, staff_id: staffId, assigned_by: principal.userId, assigned_at: deps.now() });
    await recordAudit(trx, deps, {
      actor: { id: principal.userId, role: principal.role },
      action: 'projects.staff_assigned',
      subjectId: project.customer_id,
      target: { type: 'project', id: projectId },
      requestId: ctx.requestId,
      details: { staffId },
    });
  });
}

export async function unassignStaff(deps: ProjectsDeps, principal: Principal, projectId: string, staffId: string, ctx: RequestContext) {
  await deps.db.transaction().execute(async (trx) => {
    const project = await store.findProject(trx, projectId, { lock: true });
    if (!project) throw projectsErrors.projectNotFound();
    if (!(await store.deleteAssignment(trx, projectId, staffId))) throw projectsErrors.notAssigned();
    await recordAudit(trx, deps, {
      actor: { id: principal.userId, role: principal.role },
      action: 'projects.staff_unassigned',
      subjectId: project.customer_id,
      target: { type: 'project', id: projectId },
      requestId: ctx.requestId,
      details: { staffId },
    });
  });
}
