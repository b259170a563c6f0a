import { sql, type Insertable, type Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { SupportTables, TicketStatus, TicketTopic } from './support.tables.js';

type Db = Queryable<SupportTables>;
type Tickets = SupportTables['support_tickets'];

export async function insertTicket(db: Db, row: Insertable<Tickets>) {
  await db.insertInto('support_tickets').values(row).execute();
}

export async function findTicket(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const query = db.selectFrom('support_tickets').selectAll().where('id', '=', id);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findTicketByToken(db: Db, token: string) {
  return db.selectFrom('support_tickets').selectAll().where('token', '=', token).forUpdate().executeTakeFirst();
}

/** The ticket a sent or received e-mail with one of these Message-IDs belongs to. */
export async function findTicketByMailIds(db: Db, mailIds: string[]) {
  if (mailIds.length === 0) return undefined;
  return db
    .selectFrom('support_tickets')
    .selectAll('support_tickets')
    .where('id', 'in', (eb) => eb.selectFrom('support_messages').select('ticket_id').where('mail_message_id', 'in', mailIds))
    .forUpdate()
    .executeTakeFirst();
}

export async function updateTicket(db: Db, id: string, set: Updateable<Tickets>) {
  await db.updateTable('support_tickets').set(set).where('id', '=', id).execute();
}

/** Unconfirmed visitor tickets under this address become the account's once it proves the address. */
export async function claimTicketsByEmail(db: Db, email: string, customerId: string) {
  return db
    .updateTable('support_tickets')
    .set({ customer_id: customerId })
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .where('customer_id', 'is', null)
    .returning('id')
    .execute();
}

export type InboxFilter = { statuses?: TicketStatus[]; topic?: TicketTopic; assignee?: string | null; limit: number; offset: number };

export async function listInbox(db: Db, filter: InboxFilter) {
  let query = db.selectFrom('support_tickets').selectAll().where('confirmed_at', 'is not', null);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.topic) query = query.where('topic', '=', filter.topic);
  if (filter.assignee === null) query = query.where('assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_id', '=', filter.assignee);
  return query.orderBy('last_message_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
}

export async function listTicketsOfCustomer(db: Db, customerId: string) {
  return db.selectFrom('support_tickets').selectAll().where('customer_id', '=', customerId).where('confirmed_at', 'is not', null).orderBy('last_message_at', 'desc').execute();
}

/** Tickets created from this address since `since`: the per-address flood limit counts them. */
export async function countRecentTicketsOf(db: Db, email: string, since: Date) {
  const row = await db
    .selectFrom('support_tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertMessage(db: Db, row: Insertable<SupportTables['support_messages']>) {
  await db.insertInto('support_messages').values(row).execute();
}

export async function listMessages(db: Db, ticketId: string) {
  return db.selectFrom('support_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
}

export async function firstInboundAt(db: Db, ticketId: string) {
  const row = await db.selectFrom('support_messages').select((eb) => eb.fn.min('created_at').as('at')).where('ticket_id', '=', ticketId).where('kind', '=', 'in').executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

export async function insertAttachment(db: Db, row: Insertable<SupportTables['support_attachments']>) {
  await db.insertInto('support_attachments').values(row).execute();
}

export async function listAttachments(db: Db, ticketId: string) {
  return db.selectFrom('support_attachments').select(['id', 'message_id', 'file_name', 'content_type', 'size_bytes']).where('ticket_id', '=', ticketId).orderBy('created_at').execute();
}

export async function findAttachment(db: Db, id: string) {
  return db.selectFrom('support_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCannedReply(db: Db, row: Insertable<SupportTables['support_canned_replies']>) {
  await db.insertInto('support_canned_replies').values(row).execute();
}

export async function listCannedReplies(db: Db) {
  return db.selectFrom('support_canned_replies').selectAll().orderBy('title').execute();
}

export async function deleteCannedReply(db: Db, id: string) {
  const result = await db.deleteFrom('support_canned_replies').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Spends a solved challenge; false when it was spent before (a replay). Expired ones are swept on the way. */
export async function spendChallenge(db: Db, signature: string, expiresAt: Date, now: Date) {
  await db.deleteFrom('support_spent_challenges').where('expires_at', '<', now).execute();
  const inserted = await db.insertInto('support_spent_challenges').values({ signature, expires_at: expiresAt }).onConflict((oc) => oc.column('signature').doNothing()).returning('signature').executeTakeFirst();
  return inserted !== undefined;
}

export async function listUnconfirmedBefore(db: Db, cutoff: Date) {
  return db.selectFrom('support_tickets').select('id').where('confirmed_at', 'is', null).where('created_at', '<', cutoff).limit(500).execute();
}

/** Deletes an unconfirmed ticket (messages and attachments by cascade); the attachments' objects, or null if it was confirmed meanwhile. */
export async function deleteUnconfirmedTicket(db: Db, id: string): Promise<string[] | null> {
  const ticket = await db.selectFrom('support_tickets').select('confirmed_at').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!ticket || ticket.confirmed_at) return null;
  const objects = await db.deleteFrom('support_attachments').where('ticket_id', '=', id).returning('storage_key').execute();
  await db.deleteFrom('support_tickets').where('id', '=', id).execute();
  return objects.map((o) => o.storage_key);
}
