import { randomUUID } from 'node:crypto';
import { refuseUndeclaredFields } from '../../platform/features/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Who } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import { decodeAttachments, storeAttachments } from './attachments.js';
import { confirmLinkFor } from './confirm-contact.js';
import { replyAddressOf, createTicketToken } from './reply-address.js';
import { spendSolvedChallenge } from './spam-challenge.js';
import type { SupportDeps } from './support.deps.js';
import type { TContactForm } from './support.schema.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';
import { supportMails } from './support.mails.js';

/** The form's optional fields and the categories that must be declared to ask them. */
export const CONTACT_FIELD_CATEGORIES = { name: 'contact.name' } as const;

/**
 * The contact form. Every message becomes a ticket; the spam challenge is spent in the same work, so a
 * refused form stores nothing. A visitor (or someone writing from another address than their
 * account's) confirms the address by a signed, expiring link before staff see the ticket.
 */
export async function submitContact(deps: SupportDeps, principal: Principal | null, input: TContactForm, ctx: RequestContext) {
  const values = await deps.policy.values();
  refuseUndeclaredFields(input, CONTACT_FIELD_CATEGORIES, (c) => values.isDeclared(c));
  const files = decodeAttachments(deps, input.attachments);
  const email = input.email.trim().toLowerCase();
  const who: Who = principal ? byPrincipal(principal, ctx) : { actor: { id: null, role: 'visitor' }, requestId: ctx.requestId };
  return deps.uow.run(who, async (work) => {
    const db = tablesOf<SupportTables>(work);
    await spendSolvedChallenge(deps, db, input.challenge);
    const account = principal ? await findUserContact(work, principal.userId) : undefined;
    const own = account !== undefined && account.email.toLowerCase() === email;
    const now = deps.now();
    const id = randomUUID();
    const token = createTicketToken();
    await store.insertTicket(db, {
      id,
      token,
      customer_id: own ? account.id : null,
      name: values.isDeclared(CONTACT_FIELD_CATEGORIES.name) ? (input.name ?? (own ? account.name : null)) : null,
      email,
      topic: input.topic,
      status: 'open',
      assignee_id: null,
      origin: 'web',
      confirmed_at: own ? now : null,
      created_at: now,
      last_message_at: now,
      resolved_at: null,
      closed_at: null,
      rights_request_id: null,
    });
    const messageId = randomUUID();
    await store.insertMessage(db, { id: messageId, ticket_id: id, kind: 'in', via: 'web', author_id: own ? account.id : null, body: input.message, mail_message_id: null, created_at: now });
    await storeAttachments(deps, work, id, messageId, files);
    await work.audit({ action: 'support.ticket_received', subjectId: own ? account.id : null, target: { type: 'support_ticket', id }, details: { topic: input.topic, origin: 'web', attachments: files.length, confirmed: own } });
    const replyTo = replyAddressOf(deps.settings.address, token);
    if (own) {
      await work.mail({ to: email, userId: account.id, replyTo, ...supportMails.ticketReceived({ ticketUrl: `${deps.publicUrl}/support/tickets/${id}` }) });
    } else {
      const link = confirmLinkFor(deps, id, now);
      await work.mail({ to: email, ...supportMails.confirmAddress(deps.settings.confirmHours, link) });
    }
    return { id, confirmationSent: !own };
  });
}
