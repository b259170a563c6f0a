import { findUserContact } from '../accounts/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import * as store from './projects.store.js';
import type { ProjectsTables } from './projects.tables.js';

/** An admin gives a staff member access to one project (need-to-know: staff see nothing else). */
export async function assignStaff(deps: ProjectsDeps, principal: Principal, projectId: string, staffId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    const project = await store.findProject(db, projectId, { lock: true });
    if (!project) throw projectsErrors.projectNotFound();
    const staff = await findUserContact(work, staffId);
    if (staff?.role !== 'staff' || staff.status !== 'active') throw projectsErrors.notStaff();
    if (await store.isAssigned(db, projectId, staffId)) return;
    await store.insertAssignment(db, { project_id: projectId, staff_id: staffId, assigned_by: principal.userId, assigned_at: deps.now() });
    await work.audit({
      action: 'projects.staff_assigned',
      subjectId: project.customer_id,
      target: { type: 'project', id: projectId },
      details: { staffId },
    });
  });
}

export async function unassignStaff(deps: ProjectsDeps, principal: Principal, projectId: string, staffId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    const project = await store.findProject(db, projectId, { lock: true });
    if (!project) throw projectsErrors.projectNotFound();
    if (!(await store.deleteAssignment(db, projectId, staffId))) throw projectsErrors.notAssigned();
    await work.audit({
      action: 'projects.staff_unassigned',
      subjectId: project.customer_id,
      target: { type: 'project', id: projectId },
      details: { staffId },
    });
  });
}
