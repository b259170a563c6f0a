import { findUserContact, findUsersContact } from '../accounts/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { NEXT_STATUSES } from './project-status.js';
import { auditStaffRead, projectPermissions, requireProjectAccess } from './project-access.js';
import type { ProjectsDeps } from './projects.deps.js';
import * as store from './projects.store.js';
import type { ProjectsTables, ProjectStatus } from './projects.tables.js';

type Page = { limit: number; offset: number };
type SummaryRow = Awaited<ReturnType<typeof store.listProjectsOfCustomer>>[number];

function presentSummary(p: SummaryRow) {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    process: p.process,
    material: p.material,
    quantity: p.quantity,
    customerId: p.customer_id,
    wantedDeliveryDate: p.wanted_delivery_date,
    promisedDeliveryDate: p.promised_delivery_date,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

/** Customers see their own projects, staff the ones assigned to them, admins all; a staff listing is audited. */
export async function listProjects(deps: ProjectsDeps, principal: Principal, page: Page & { status?: ProjectStatus }, ctx: RequestContext) {
  if (principal.role === 'customer' || principal.role === 'privacy_officer' || principal.role === 'marketing') {
    return (await store.listProjectsOfCustomer(deps.db, principal.userId, page)).map(presentSummary);
  }
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    const rows = principal.role === 'admin' ? await store.listAllProjects(db, page, page.status) : await store.listProjectsOfStaff(db, principal.userId, page);
    const others = rows.filter((r) => r.customer_id !== principal.userId);
    if (others.length > 0) {
      await work.audit({
        action: 'projects.listed_by_staff',
        details: { projectIds: others.map((r) => r.id), customerIds: [...new Set(others.map((r) => r.customer_id))] },
      });
    }
    return rows.map(presentSummary);
  });
}

export async function getProject(deps: ProjectsDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    const access = await requireProjectAccess(work, principal, projectId);
    const p = access.project;
    const customer = await findUserContact(work, p.customer_id);
    // In name order (accounts sorts them); an assignment whose account is gone shows no one.
    const staff = await findUsersContact(work, await store.listAssignedStaffIds(db, projectId));
    const events = await store.listStatusEvents(db, projectId);
    await auditStaffRead(work, access, 'project');
    return {
      ...presentSummary(p),
      colour: p.colour,
      units: p.units,
      toleranceMm: p.tolerance_mm,
      finish: p.finish,
      notes: p.notes,
      completedAt: p.completed_at,
      customer: { id: p.customer_id, name: customer?.name ?? '', email: customer?.email ?? '' },
      assignedStaff: staff.map((s) => ({ id: s.id, name: s.name })),
      timeline: events.map((e) => ({ from: e.from_status, to: e.to_status, actorId: e.actor_id, actorRole: e.actor_role, note: e.note, at: e.at })),
      nextStatuses: [...NEXT_STATUSES[p.status]],
      ...projectPermissions(access, principal),
    };
  });
}
