import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findOrganisationOfUser } from '../orgs/index.js';
import { fileReceivedRequest } from '../rights-requests/index.js';
import { replyAddressOf } from './reply-address.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import type { TToPrivacyRequest } from './support.schema.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';
import { presentTicket } from './ticket-view.js';
import { supportMails } from './support.mails.js';

const OFFICER_ROLES = new Set(['privacy_officer', 'admin']);

/**
 * A privacy officer reads a request about someone's data in a ticket ("delete my data", by e-mail)
 * and files it in the rights-request queue, where the usual flow (export, erasure, answer) runs. Its
 * deadline counts from when the person's first message arrived, not from when the officer filed it.
 */
export async function turnIntoPrivacyRequest(deps: SupportDeps, p: Principal, ticketId: string, input: TToPrivacyRequest, ctx: RequestContext) {
  if (!OFFICER_ROLES.has(p.role)) throw supportErrors.officersOnly();
  const values = await deps.policy.values();
  const orgAdminsSee = (await deps.policy.current()).manifest.rights.methods.includes('organisation_admin');
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tablesOf<SupportTables>(work);
    const ticket = await store.findTicket(db, ticketId, { lock: true });
    if (!ticket?.confirmed_at) throw supportErrors.ticketNotFound();
    if (ticket.rights_request_id) throw supportErrors.alreadyRequest();
    const messages = await store.listMessages(db, ticketId);
    const receivedAt = (await store.firstInboundAt(db, ticketId)) ?? ticket.created_at;
    const now = deps.now();
    const details = messages.filter((m) => m.kind === 'in').map((m) => m.body).join('\n\n---\n\n').slice(0, 5000);
    const request = await fileReceivedRequest(work, values, { kind: input.kind, name: ticket.name ?? ticket.email, email: ticket.email, jurisdiction: input.jurisdiction, details, userId: ticket.customer_id, receivedAt, officerId: p.userId, now, via: { type: 'support_ticket', id: ticketId } });
    await store.updateTicket(db, ticketId, { rights_request_id: request.id });
    await store.insertMessage(db, { id: randomUUID(), ticket_id: ticketId, kind: 'note', via: 'web', author_id: p.userId, body: `Filed as a privacy request (${input.kind}, ${input.jurisdiction}), received on ${request.receivedOn}, due by ${request.dueOn}.`, mail_message_id: null, created_at: now });
    const account = request.userId ? await findOrganisationOfUser(work, request.userId) : undefined;
    const seenBy = orgAdminsSee && account && account.role !== 'admin' ? account.name : null;
    // The person learns their message is now handled as a request about their data, and by when we answer.
    await work.mail({
      to: ticket.email,
      userId: ticket.customer_id,
      replyTo: replyAddressOf(deps.settings.address, ticket.token),
      ...supportMails.privacyRequestFiled({ receivedOn: request.receivedOn, kind: input.kind, dueOn: request.dueOn, orgName: seenBy }),
    });
    await work.audit({ action: 'support.privacy_request_filed', subjectId: ticket.customer_id, target: { type: 'support_ticket', id: ticketId }, details: { requestId: request.id, kind: input.kind } });
    return { request, ticket: await presentTicket(work, (await store.findTicket(db, ticketId))!, 'staff') };
  });
}
