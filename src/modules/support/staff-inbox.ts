import type { Principal, RequestContext } from '../../platform/http/index.js';
import { AppError } from '../../platform/errors/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUsersContact, listActiveUsersWithRole } from '../accounts/index.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import type { TInboxQuery, TTicketChange } from './support.schema.js';
import * as store from './support.store.js';
import type { SupportTables, TicketStatus } from './support.tables.js';
import { presentSummaries, presentTicket } from './ticket-view.js';

/** Who works the support desk. */
export const STAFF_ROLES = new Set(['staff', 'privacy_officer', 'admin']);
const ACTIVE: TicketStatus[] = ['open', 'pending'];

export function assertStaff(p: Principal): void {
  if (!STAFF_ROLES.has(p.role)) throw supportErrors.staffOnly();
}

/** The staff inbox (confirmed tickets only), filtered; reading it reads people's messages: audited. */
export async function listInbox(deps: SupportDeps, p: Principal, query: TInboxQuery, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const statuses = query.status === 'active' ? ACTIVE : query.status ? [query.status] : undefined;
    const assignee = query.assignee === 'me' ? p.userId : query.assignee === 'unassigned' ? null : query.assignee;
    const rows = await store.listInbox(tablesOf<SupportTables>(work), { ...(statuses ? { statuses } : {}), ...(query.topic ? { topic: query.topic } : {}), ...(assignee !== undefined ? { assignee } : {}), limit: query.limit, offset: query.offset });
    await work.audit({ action: 'support.inbox_read', details: { ids: rows.map((r) => r.id) } });
    return presentSummaries(work, rows);
  });
}

/** One ticket with its conversation and notes, for staff: audited as a read of the person's data. */
export async function readTicket(deps: SupportDeps, p: Principal, id: string, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const ticket = await store.findTicket(tablesOf<SupportTables>(work), id);
    if (!ticket?.confirmed_at) throw supportErrors.ticketNotFound();
    await work.audit({ action: 'support.ticket_read', subjectId: ticket.customer_id, target: { type: 'support_ticket', id } });
    return presentTicket(work, ticket, 'staff');
  });
}

/** Status, topic and assignment; the assignee must be someone who works the desk. */
export async function changeTicket(deps: SupportDeps, p: Principal, id: string, change: TTicketChange, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tablesOf<SupportTables>(work);
    const ticket = await store.findTicket(db, id, { lock: true });
    if (!ticket?.confirmed_at) throw supportErrors.ticketNotFound();
    if (change.assigneeId) {
      const assignee = await findUserContact(work, change.assigneeId);
      if (!assignee || !STAFF_ROLES.has(assignee.role) || assignee.status !== 'active') throw new AppError('unprocessable', 'A ticket can only be assigned to an active member of staff.', { errors: [{ path: 'body.assigneeId', message: 'not an active member of staff' }] });
    }
    const now = deps.now();
    const status = change.status ?? ticket.status;
    await store.updateTicket(db, id, {
      status,
      topic: change.topic ?? ticket.topic,
      assignee_id: change.assigneeId === undefined ? ticket.assignee_id : change.assigneeId,
      resolved_at: status === 'resolved' ? (ticket.resolved_at ?? now) : status === 'closed' ? ticket.resolved_at : null,
      closed_at: status === 'closed' ? (ticket.closed_at ?? now) : null,
    });
    await work.audit({ action: 'support.ticket_changed', subjectId: ticket.customer_id, target: { type: 'support_ticket', id }, details: { status, topic: change.topic ?? null, assigneeId: change.assigneeId ?? null } });
    const after = await store.findTicket(db, id);
    return presentTicket(work, after!, 'staff');
  });
}

/** Whom a ticket can be assigned to. */
export async function listStaff(deps: SupportDeps, p: Principal, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const ids: string[] = [];
    for (const role of ['staff', 'privacy_officer', 'admin'] as const) ids.push(...(await listActiveUsersWithRole(work, role)).map((u) => u.id));
    return (await findUsersContact(work, ids)).map((u) => ({ id: u.id, name: u.name }));
  });
}
