import type { Transaction } from 'kysely';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { type TActor } from '../../platform/unit-of-work/index.js';
import { queueExport } from './data-exports.js';
import { calendarDate, describeKind } from './rights-requests.js';
import type { RightsDb, RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import type { TRequestView } from './rights.schema.js';
import type { RequestStatus, RightsTables } from './rights.tables.js';
import { startErasure } from './run-erasure.js';
import * as store from './rights.store.js';

type Row = RightsTables['rights_requests'];
const OPEN: RequestStatus[] = ['open', 'in_progress', 'extended'];
const DAY_MS = 86_400_000;

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
  };
}

const actorOf = (p: Principal): TActor => ({ id: p.userId, role: p.role });

/** The privacy officers' queue, soonest due first. Reading it reads requesters' data: audited. */
export async function listRequests(deps: RightsDeps, p: Principal, opts: { status?: RequestStatus | 'pending'; limit: number; offset: number }, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('rights_requests').selectAll();
    if (opts.status === 'pending') q = q.where('status', 'in', OPEN);
    else if (opts.status) q = q.where('status', '=', opts.status);
    const rows = await q.orderBy('due_on').orderBy('created_at').limit(opts.limit).offset(opts.offset).execute();
    await recordAudit(trx, deps, { actor: actorOf(p), action: 'rights.requests_listed', requestId: ctx.requestId, details: { ids: rows.map((r) => r.id) } });
    const today = calendarDate(deps.now());
    return rows.map((r) => present(r, today));
  });
}

async function changeRequest(deps: RightsDeps, p: Principal, id: string, ctx: RequestContext, action: string, change: (row: Row, trx: Transaction<RightsDb>) => Promise<{ set: Partial<Row>; mail?: { subject: string; text: string } }>) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rights_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw rightsErrors.requestNotFound();
    if (row.status === 'completed' || row.status === 'denied') throw rightsErrors.requestClosed();
    const { set, mail } = await change(row, trx);
    await trx.updateTable('rights_requests').set({ ...set, handled_by: p.userId }).where('id', '=', id).execute();
    await recordAudit(trx, deps, { actor: actorOf(p), action, subjectId: row.user_id, target: { type: 'rights_request', id }, requestId: ctx.requestId, details: { status: set.status ?? row.status } });
    const out: Array<() => Promise<void>> = [];
    if (mail) {
      out.push(await deps.mail.enqueue(trx, { to: row.email, userId: row.user_id, kind: `rights.request_${action.split('.').pop() ?? 'update'}`, ...mail }));
      if (row.agent_email) out.push(await deps.mail.enqueue(trx, { to: row.agent_email, kind: `rights.request_${action.split('.').pop() ?? 'update'}`, ...mail }));
    }
    return { out, row };
  });
  for (const deliver of deliveries.out) await deliver();
  const after = await deps.db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(after, calendarDate(deps.now()));
}

/** Extends the deadline as the manifest allows for the jurisdiction, telling the requester why. */
export async function extendRequest(deps: RightsDeps, p: Principal, id: string, reason: string, ctx: RequestContext) {
  const values = await deps.policy.values();
  return changeRequest(deps, p, id, ctx, 'rights.request_extended', async (row) => {
    if (row.extended_at) throw rightsErrors.alreadyExtended();
    const dueOn = values.dueDate(row.jurisdiction, row.received_on, { extended: true });
    return {
      set: { status: 'extended', due_on: dueOn, extension_reason: reason, extended_at: deps.now() },
      mail: { subject: 'We need more time to answer your request', text: `We need more time to answer your request (${describeKind(row.kind)}), received on ${row.received_on}.\n\nWhy: ${reason}\n\nWe will answer by ${dueOn}.` },
    };
  });
}

export async function denyRequest(deps: RightsDeps, p: Principal, id: string, reason: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'rights.request_denied', async (row) => ({
    set: { status: 'denied', answer: reason, answered_at: deps.now() },
    mail: { subject: 'Our answer to your request', text: `We cannot do what you asked (${describeKind(row.kind)}), received on ${row.received_on}.\n\nWhy: ${reason}\n\nYou may complain to a data-protection authority if you disagree.` },
  }));
}

export async function completeRequest(deps: RightsDeps, p: Principal, id: string, answer: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'rights.request_completed', async (row) => {
    if (!row.verified_at) throw rightsErrors.requestUnverified();
    return {
      set: { status: 'completed', answer, answered_at: deps.now() },
      mail: { subject: 'Your request is done', text: `We have done what you asked (${describeKind(row.kind)}), received on ${row.received_on}.\n\n${answer}` },
    };
  });
}

/** Fulfils an erasure request: erases the account that uses the confirmed address (the certificate is e-mailed). */
export async function eraseForRequest(deps: RightsDeps, p: Principal, id: string, ctx: RequestContext) {
  let erasureId = '';
  const view = await changeRequest(deps, p, id, ctx, 'rights.request_completed', async (row, trx) => {
    if (!row.verified_at) throw rightsErrors.requestUnverified();
    const account = row.user_id ? await store.findUser(trx, row.user_id) : await store.findUserByEmail(trx, row.email);
    if (!account) throw rightsErrors.noAccountForRequest('erase');
    ({ erasureId } = await startErasure(trx, deps, { userId: account.id, origin: 'privacy_officer', actor: actorOf(p), requestId: ctx.requestId }));
    return { set: { status: 'completed', answer: 'Your account was erased; the erasure certificate was e-mailed to you.', answered_at: deps.now() } };
  });
  return { request: view, erasureId };
}

/** Fulfils an access or portability request of an account holder: they get the export link by e-mail. */
export async function exportForRequest(deps: RightsDeps, p: Principal, id: string, ctx: RequestContext) {
  return changeRequest(deps, p, id, ctx, 'rights.request_in_progress', async (row, trx) => {
    if (!row.verified_at) throw rightsErrors.requestUnverified();
    const account = row.user_id ? await store.findUser(trx, row.user_id) : await store.findUserByEmail(trx, row.email);
    if (!account) throw rightsErrors.noAccountForRequest('export');
    await queueExport(trx, deps, { userId: account.id, actor: { id: account.id, role: 'customer' }, requestId: ctx.requestId });
    return { set: { status: 'in_progress' } };
  });
}

export async function requestMetrics(deps: RightsDeps) {
  const rows = await deps.db.selectFrom('rights_requests').select(['status', 'received_on', 'answered_at', 'due_on']).where('status', '!=', 'unverified').execute();
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
