import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { NEXT_STATUSES } from './project-status.js';
import { auditStaffRead, projectPermissions, requireProjectAccess } from './project-access.js';
import type { ProjectsDeps } from './projects.deps.js';
import * as store from './projects.store.js';
import type { ProjectStatus } from './projects.tables.js';

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
  if (principal.role === 'customer' || principal.role === 'privacy_officer') {
    return (await store.listProjectsOfCustomer(deps.db, principal.userId, page)).map(presentSummary);
  }
  return deps.db.transaction().execute(async (trx) => {
    const rows = principal.role === 'admin' ? await store.listAllProjects(trx, page, page.status) : await store.listProjectsOfStaff(trx, principal.userId, page);
    const others = rows.filter((r) => r.customer_id !== principal.userId);
    if (others.length > 0) {
      await recordAudit(trx, deps, {
        actor: { id: principal.userId, role: principal.role },
        action: 'projects.listed_by_staff',
        requestId: ctx.requestId,
        details: { projectIds: others.map((r) => r.id), customerIds: [...new Set(others.map((r) => r.customer_id))] },
      });
    }
    return rows.map(presentSummary);
  });
}

export async function getProject(deps: ProjectsDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId);
    const p = access.project;
    const customer = await store.findUser(trx, p.customer_id);
    const staff = await store.listAssignedStaff(trx, projectId);
    const events = await store.listStatusEvents(trx, projectId);
    await auditStaffRead(trx, deps, access, ctx, 'project');
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
