import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit, type TActor } from '../audit/index.js';
import { canBecome, isClosed, NEXT_STATUSES } from './project-status.js';
import { promisedDeliveryRefusal, requireProjectAccess, statusChangeRefusal } from './project-access.js';
import type { ProjectsDb, ProjectsDeps, ProjectsTrxDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import { projectLink, projectsMails } from './projects.mails.js';
import * as store from './projects.store.js';
import type { ProjectRow, ProjectStatus } from './projects.tables.js';
import { notifyCustomer, type Delivery } from './notify-customer.js';

/**
 * Moves a project (locked by the caller) to `to` inside the caller's transaction: checks the transition,
 * writes the timeline entry and the audit entry, and tells the customer in the app and by e-mail.
 * Quotes call it too (issuing a quote, accepting one). Returns the e-mails to deliver after commit.
 */
export async function applyStatusChange(
  trx: Queryable<ProjectsDb>,
  deps: ProjectsTrxDeps,
  project: ProjectRow,
  to: ProjectStatus,
  change: { actor: TActor; note?: string | null; requestId: string | null },
): Promise<Delivery[]> {
  const from = project.status;
  if (!canBecome(from, to)) throw projectsErrors.illegalTransition(from, to, NEXT_STATUSES[from]);
  const now = deps.now();
  await store.setStatus(trx, project.id, to, now, isClosed(to) ? now : null);
  await store.insertStatusEvent(trx, { id: randomUUID(), project_id: project.id, from_status: from, to_status: to, actor_id: change.actor.id, actor_role: change.actor.role, note: change.note ?? null, at: now });
  await recordAudit(trx, deps, {
    actor: change.actor,
    action: 'projects.status_changed',
    subjectId: project.customer_id,
    target: { type: 'project', id: project.id },
    requestId: change.requestId,
    details: { from, to },
  });
  const link = projectLink(deps.publicUrl, project.id);
  return notifyCustomer(trx, deps, project, (name) => projectsMails.statusChanged(name, project.title, to, change.note ?? null, link));
}

/** The status endpoint: staff move a project along; its customer may only cancel it. */
export async function changeStatus(deps: ProjectsDeps, principal: Principal, projectId: string, input: { status: ProjectStatus; note: string | null }, ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId, { lock: true });
    const refusal = statusChangeRefusal(access.as, access.project.status, input.status);
    if (refusal) throw refusal;
    return applyStatusChange(trx, deps, access.project, input.status, { actor: access.actor, note: input.note, requestId: ctx.requestId });
  });
  for (const deliver of deliveries) await deliver();
}

/** Staff promise (or withdraw) a delivery date; the customer is told each time it changes. */
export async function setPromisedDelivery(deps: ProjectsDeps, principal: Principal, projectId: string, date: string | null, ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId, { lock: true });
    const p = access.project;
    const refusal = promisedDeliveryRefusal(access.as, p.status);
    if (refusal) throw refusal;
    if (p.promised_delivery_date === date) return [];
    await store.setPromisedDeliveryDate(trx, projectId, date, deps.now());
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'projects.delivery_date_changed',
      subjectId: p.customer_id,
      target: { type: 'project', id: projectId },
      requestId: ctx.requestId,
      details: { from: p.promised_delivery_date, to: date },
    });
    const link = projectLink(deps.publicUrl, projectId);
    return notifyCustomer(trx, deps, p, (name) => projectsMails.deliveryDateChanged(name, p.title, date, link));
  });
  for (const deliver of deliveries) await deliver();
}
