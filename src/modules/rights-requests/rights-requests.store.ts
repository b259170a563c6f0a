import type { Queryable } from '../../platform/db/index.js';
import type { RequestRow, RequestStatus, RightsRequestsTables } from './rights-requests.tables.js';

type Db = Queryable<RightsRequestsTables>;

export async function insertRequest(db: Db, row: RequestRow) {
  await db.insertInto('rights_requests').values(row).execute();
}

export async function findRequest(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('rights_requests').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function lockRequestByVerifyToken(db: Db, tokenHash: string) {
  return db.selectFrom('rights_requests').selectAll().where('verify_token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function markVerified(db: Db, id: string, at: Date, userId: string | null) {
  await db.updateTable('rights_requests').set({ status: 'open', verified_at: at, verify_token_hash: null, user_id: userId }).where('id', '=', id).execute();
}

export async function updateRequest(db: Db, id: string, set: Partial<RequestRow>) {
  await db.updateTable('rights_requests').set(set).where('id', '=', id).execute();
}

/** The officers' queue, soonest due first. */
export async function listRequests(db: Db, opts: { statuses?: readonly RequestStatus[]; limit: number; offset: number }) {
  let q = db.selectFrom('rights_requests').selectAll();
  if (opts.statuses) q = q.where('status', 'in', opts.statuses);
  return q.orderBy('due_on').orderBy('created_at').limit(opts.limit).offset(opts.offset).execute();
}

export async function listRequestsOfUser(db: Db, userId: string) {
  return db.selectFrom('rights_requests').select(['id', 'kind', 'status', 'received_on', 'due_on']).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(50).execute();
}

/** Every confirmed request's dates and status, for the metrics. */
export async function listConfirmedRequestDates(db: Db) {
  return db.selectFrom('rights_requests').select(['status', 'received_on', 'answered_at', 'due_on']).where('status', '!=', 'unverified').execute();
}

export async function lockRequestsInStatus(db: Db, statuses: readonly RequestStatus[]) {
  return db.selectFrom('rights_requests').select(['id', 'kind', 'due_on', 'reminded_for']).where('status', 'in', statuses).forUpdate().execute();
}

export async function markReminded(db: Db, id: string, mark: string) {
  await db.updateTable('rights_requests').set({ reminded_for: mark }).where('id', '=', id).execute();
}

/** Requests still waiting for an answer whose due date is before `today` (YYYY-MM-DD), for the privacy check. */
export async function listOverdue(db: Db, today: string) {
  return db.selectFrom('rights_requests').select(['id', 'kind', 'status', 'received_on', 'due_on']).where('status', 'in', ['open', 'in_progress', 'extended']).where('due_on', '<', today).orderBy('due_on').execute();
}
