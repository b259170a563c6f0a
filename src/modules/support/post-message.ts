import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { decodeAttachments, storeAttachments, type IncomingFile } from './attachments.js';
import { messageIdFor, replyAddressOf } from './reply-address.js';
import { assertStaff } from './staff-inbox.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import type { TAttachmentInput } from './support.schema.js';
import * as store from './support.store.js';
import type { MessageVia, SupportTables, TicketRow } from './support.tables.js';
import { presentTicket } from './ticket-view.js';
import { supportMails } from './support.mails.js';

/**
 * A message from the person (web or mail) reopens the ticket for staff: whatever its status, it is
 * open again, since they are waiting for an answer.
 */
export async function addInboundMessage(deps: Pick<SupportDeps, 'fileVault' | 'now'>, work: Work, ticket: TicketRow, input: { body: string; via: MessageVia; authorId: string | null; mailMessageId: string | null; files: IncomingFile[]; at: Date }) {
  const db = tablesOf<SupportTables>(work);
  const id = randomUUID();
  await store.insertMessage(db, { id, ticket_id: ticket.id, kind: 'in', via: input.via, author_id: input.authorId, body: input.body, mail_message_id: input.mailMessageId, created_at: input.at });
  await storeAttachments(deps, work, ticket.id, id, input.files);
  await store.updateTicket(db, ticket.id, { status: 'open', last_message_at: input.at, resolved_at: null, closed_at: null });
  await work.audit({ action: 'support.message_received', subjectId: ticket.customer_id, target: { type: 'support_ticket', id: ticket.id }, details: { messageId: id, via: input.via, attachments: input.files.length } });
  return id;
}

/**
 * Staff answer (mailed to the person from the ticket's reply address, so their answer threads back)
 * or write an internal note (never shown to them). A reply leaves the ticket pending on the person.
 */
export async function postStaffMessage(deps: SupportDeps, p: Principal, ticketId: string, input: { kind: 'reply' | 'note'; body: string }, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tablesOf<SupportTables>(work);
    const ticket = await store.findTicket(db, ticketId, { lock: true });
    if (!ticket?.confirmed_at) throw supportErrors.ticketNotFound();
    const id = randomUUID();
    const now = deps.now();
    const mailMessageId = input.kind === 'reply' ? messageIdFor(id, deps.settings.address) : null;
    await store.insertMessage(db, { id, ticket_id: ticketId, kind: input.kind === 'reply' ? 'out' : 'note', via: 'web', author_id: p.userId, body: input.body, mail_message_id: mailMessageId, created_at: now });
    if (input.kind === 'reply') {
      await store.updateTicket(db, ticketId, { status: 'pending', last_message_at: now, assignee_id: ticket.assignee_id ?? p.userId });
      await work.mail({
        to: ticket.email,
        userId: ticket.customer_id,
        replyTo: replyAddressOf(deps.settings.address, ticket.token),
        messageId: mailMessageId!,
        ...supportMails.reply(input.body, ticket.customer_id ? `${deps.publicUrl}/support/tickets/${ticketId}` : null),
      });
    }
    await work.audit({ action: input.kind === 'reply' ? 'support.replied' : 'support.note_added', subjectId: ticket.customer_id, target: { type: 'support_ticket', id: ticketId }, details: { messageId: id } });
    return presentTicket(work, (await store.findTicket(db, ticketId))!, 'staff');
  });
}

/** The person answers in the web app, on one of their own tickets. */
export async function postCustomerMessage(deps: SupportDeps, p: Principal, ticketId: string, input: { body: string; attachments?: TAttachmentInput[] | undefined }, ctx: RequestContext) {
  const files = decodeAttachments(deps, input.attachments);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tablesOf<SupportTables>(work);
    const ticket = await store.findTicket(db, ticketId, { lock: true });
    if (!ticket?.confirmed_at || ticket.customer_id !== p.userId) throw supportErrors.ticketNotFound();
    await addInboundMessage(deps, work, ticket, { body: input.body, via: 'web', authorId: p.userId, mailMessageId: null, files, at: deps.now() });
    return presentTicket(work, (await store.findTicket(db, ticketId))!, 'customer');
  });
}
