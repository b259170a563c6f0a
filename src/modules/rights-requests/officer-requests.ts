import type { Principal, RequestContext } from '../../platform/http/index.js';
import type { RenderedMail } from '../../platform/mail/index.js';
import { actorOf, byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { calendarDate, describeKind } from './request-intake.js';
import { accountOfRequest } from './request-account.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';
import { rightsRequestsErrors } from './rights-requests.errors.js';
import { rightsRequestsMails } from './rights-requests.mails.js';
import type { TRequestView } from './rights-requests.schema.js';
import type { RequestAction, RequestRow, RequestStatus, RightsRequestsTables } from './rights-requests.tables.js';
import * as store from './rights-requests.store.js';
import { allowedActions, assertAllowed } from './request-actions.js';

type Row = RequestRow;
const OPEN: RequestStatus[] = ['open', 'in_progress', 'extended'];
const DAY_MS = 86_400_000;
const tables = (work: Work) => tablesOf<RightsRequestsTables>(work);

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function present(row: Row, today: string): TRequestView {
  const daysLeft = daysBetween(today, row.due_on);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    name: row.name,
    email: row.email,
    jurisdiction: row.jurisdiction,
    details: row.details,
    hasAccount: row.user_id !== null,
    agent: row.agent_name && row.agent_email ? { name: row.agent_name, email: row.agent_email, authority: row.agent_authority ?? '' } : null,
    verified: row.verified_at !== null,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    daysLeft,
    overdue: OPEN.includes(row.status) && daysLeft < 0,
    extensionReason: row.extension_reason,
    answer: row.answer,
    answeredAt: row.answered_at?.toISOString() ?? null,
    allowedActions: allowedActions(row),
  };
}

/** The privacy officers' queue, soonest due first. Reading it reads requesters' data: audited. */
export async function listRequests(deps: RightsRequestsDeps, p: Principal, opts: { status?: RequestStatus | 'pending'; limit: number; offset: number }, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const statuses = opts.status === 'pending' ? OPEN : opts.status ? [opts.status] : undefined;
    const rows = await store.listRequests(tables(work), { ...(statuses ? { statuses } : {}), limit: opts.limit, offset: opts.offset });
    await work.audit({ action: 'rights.requests_listed', details: { ids: rows.map((r) => r.id) } });
    const today = calendarDate(deps.now());
    return rows.map((r) => present(r, today));
  });
}

async function changeRequest(deps: RightsRequestsDeps, p: Principal, id: string, ctx: RequestContext, allowed: RequestAction, action: string, change: (row: Row, work: Work) => Promise<{ set: Partial<Row>; mail?: RenderedMail }>) {
  await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tables(work);
    const row = await store.findRequest(db, id, { lock: true });
    if (!row) throw rightsRequestsErrors.requestNotFound();
    assertAllowed(row, allowed);
    const { set, mail } = await change(row, work);
    await store.updateRequest(db, id, { ...set, handled_by: p.userId });
    await work.audit({ action, subjectId: row.user_id, target: { type: 'rights_request', id }, details: { status: set.status ?? row.status } });
    if (mail) {
      await work.mail({ to: row.email, userId: row.user_id, ...mail });
      if (row.agent_email) await work.mail({ to: row.agent_email, ...mail });
    }
  });
  const after = await store.findRequest(deps.db, id);
  if (!after) throw rightsRequestsErrors.requestNotFound();
  return present(after, calendarDate(deps.now()));
}

/** Extends the deadline as the manifest allows for the jurisdiction, telling the requester why. */
export async function extendRequest(deps: RightsRequestsDeps, p: Principal, id: string, reason: string, ctx: RequestContext) {
  const values = await deps.policy.values();
  return changeRequest(deps, p, id, ctx, 'extend', 'rights.request_extended', async (row) => {
    const dueOn = values.dueDate(row.jurisdiction, row.received_on, { extended: true });
    return {
      set: { status: 'extended', due_on: dueOn, extension_reason: reason, extended_at: deps.now() },
      mail: rightsRequestsMails.extended(describeKind(row.kind), row.received_on, reason, dueOn),
    };
  });
}

export async function denyRequest(deps: RightsRequestsDeps, p: Principal, id: string, reason: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'deny', 'rights.request_denied', async (row) => ({
    set: { status: 'denied', answer: reason, answered_at: deps.now() },
    mail: rightsRequestsMails.denied(describeKind(row.kind), row.received_on, reason),
  }));
}

export async function completeRequest(deps: RightsRequestsDeps, p: Principal, id: string, answer: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'complete', 'rights.request_completed', async (row) => {
    return {
      set: { status: 'completed', answer, answered_at: deps.now() },
      mail: rightsRequestsMails.completed(describeKind(row.kind), row.received_on, answer),
    };
  });
}

/** Fulfils an erasure request: erases the account that uses the confirmed address (the certificate is e-mailed). */
export async function eraseForRequest(deps: RightsRequestsDeps, p: Principal, id: string, ctx: RequestContext) {
  let erasureId = '';
  const view = await changeRequest(deps, p, id, ctx, 'erase', 'rights.request_completed', async (row, work) => {
    const account = await accountOfRequest(work, row, 'erase');
    ({ erasureId } = await deps.erasure.startErasure(work, { userId: account.id, origin: 'privacy_officer', actor: actorOf(p) }));
    return { set: { status: 'completed', answer: 'Your account was erased; the erasure certificate was e-mailed to you.', answered_at: deps.now() } };
  });
  return { request: view, erasureId };
}

/** Fulfils an access or portability request of an account holder: they get the export link by e-mail. */
export async function exportForRequest(deps: RightsRequestsDeps, p: Principal, id: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'export', 'rights.request_in_progress', async (row, work) => {
    const account = await accountOfRequest(work, row, 'export');
    await deps.exports.queueExport(work, { userId: account.id, actor: { id: account.id, role: 'customer' } });
    return { set: { status: 'in_progress' } };
  });
}

export async function requestMetrics(deps: RightsRequestsDeps) {
  const rows = await store.listConfirmedRequestDates(deps.db);
  const today = calendarDate(deps.now());
  const answered = rows.filter((r) => r.answered_at).map((r) => daysBetween(r.received_on, calendarDate(r.answered_at!))).sort((a, b) => a - b);
  const mid = Math.floor(answered.length / 2);
  const median = answered.length === 0 ? null : answered.length % 2 ? answered[mid]! : (answered[mid - 1]! + answered[mid]!) / 2;
  return {
    received: rows.length,
    open: rows.filter((r) => OPEN.includes(r.status)).length,
    completed: rows.filter((r) => r.status === 'completed').length,
    denied: rows.filter((r) => r.status === 'denied').length,
    overdue: rows.filter((r) => OPEN.includes(r.status) && r.due_on < today).length,
    answeredLate: rows.filter((r) => r.answered_at && calendarDate(r.answered_at) > r.due_on).length,
    medianDaysToAnswer: median,
  };
}
