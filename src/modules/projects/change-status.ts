import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { canBecome, isClosed, NEXT_STATUSES } from './project-status.js';
import { promisedDeliveryRefusal, requireProjectAccess, statusChangeRefusal } from './project-access.js';
import type { ProjectsDeps, ProjectsWorkDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import { projectLink, projectsMails } from './projects.mails.js';
import * as store from './projects.store.js';
import type { ProjectRow, ProjectsTables, ProjectStatus } from './projects.tables.js';
import { notifyCustomer } from './notify-customer.js';

/**
 * Moves a project (locked by the caller) to `to` inside the caller's unit of work, by its actor: checks
 * the transition, writes the timeline entry and the audit entry, and tells the customer in the app and
 * by e-mail. Quotes call it too (issuing a quote, accepting one).
 */
export async function applyStatusChange(work: Work, deps: ProjectsWorkDeps, project: ProjectRow, to: ProjectStatus, change: { note?: string | null } = {}): Promise<void> {
  const db = tablesOf<ProjectsTables>(work);
  const from = project.status;
  if (!canBecome(from, to)) throw projectsErrors.illegalTransition(from, to, NEXT_STATUSES[from]);
  const now = deps.now();
  await store.setStatus(db, project.id, to, now, isClosed(to) ? now : null);
  await store.insertStatusEvent(db, { id: randomUUID(), project_id: project.id, from_status: from, to_status: to, actor_id: work.actor.id, actor_role: work.actor.role, note: change.note ?? null, at: now });
  await work.audit({
    action: 'projects.status_changed',
    subjectId: project.customer_id,
    target: { type: 'project', id: project.id },
    details: { from, to },
  });
  const changed = await store.findProject(db, project.id);
  if (changed) await work.publish({ type: 'project.status_changed', subjectId: project.customer_id, record: { table: 'projects', id: project.id, fields: { ...changed } } });
  const link = projectLink(deps.publicUrl, project.id);
  await notifyCustomer(work, deps, project, (name) => projectsMails.statusChanged(name, project.title, to, change.note ?? null, link));
}

/** The status endpoint: staff move a project along; its customer may only cancel it. */
export async function changeStatus(deps: ProjectsDeps, principal: Principal, projectId: string, input: { status: ProjectStatus; note: string | null }, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId, { lock: true });
    const refusal = statusChangeRefusal(access.as, access.project.status, input.status);
    if (refusal) throw refusal;
    await applyStatusChange(work, deps, access.project, input.status, { note: input.note });
  });
}

/** Staff promise (or withdraw) a delivery date; the customer is told each time it changes. */
export async function setPromisedDelivery(deps: ProjectsDeps, principal: Principal, projectId: string, date: string | null, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId, { lock: true });
    const p = access.project;
    const refusal = promisedDeliveryRefusal(access.as, p.status);
    if (refusal) throw refusal;
    if (p.promised_delivery_date === date) return;
    await store.setPromisedDeliveryDate(tablesOf<ProjectsTables>(work), projectId, date, deps.now());
    await work.audit({
      action: 'projects.delivery_date_changed',
      subjectId: p.customer_id,
      target: { type: 'project', id: projectId },
      details: { from: p.promised_delivery_date, to: date },
    });
    const link = projectLink(deps.publicUrl, projectId);
    await notifyCustomer(work, deps, p, (name) => projectsMails.deliveryDateChanged(name, p.title, date, link));
  });
}
