import type { RequestContext } from '../../platform/http/index.js';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContactByEmail } from '../accounts/index.js';
import { replyAddressOf } from './reply-address.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';
import { supportMails } from './support.mails.js';

const signed = (ticketId: string, expires: number) => `support-confirm:${ticketId}:${expires}`;

/** The e-mailed link: signed with a key derived from the master keys, and expiring. No token is stored. */
export function confirmLinkFor(deps: Pick<SupportDeps, 'links' | 'publicUrl' | 'settings'>, ticketId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + deps.settings.confirmHours * 3600;
  const signature = deps.links.sign(signed(ticketId, expires));
  return `${deps.publicUrl}/support/confirm?ticket=${ticketId}&expires=${expires}&signature=${signature}`;
}

/**
 * The visitor proved the address: the ticket reaches the staff inbox, and belongs to the account that
 * uses the address, if any. A second click changes nothing.
 */
export async function confirmContact(deps: SupportDeps, input: { ticket: string; expires: number; signature: string }, ctx: RequestContext) {
  if (!deps.links.verify(signed(input.ticket, input.expires), input.signature)) throw supportErrors.badConfirmLink();
  if (input.expires * 1000 < deps.now().getTime()) throw supportErrors.badConfirmLink();
  return deps.uow.run({ actor: SYSTEM_ACTOR, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<SupportTables>(work);
    const ticket = await store.findTicket(db, input.ticket, { lock: true });
    if (!ticket) throw supportErrors.badConfirmLink();
    if (ticket.confirmed_at) return { id: ticket.id, confirmed: true };
    const account = await findUserContactByEmail(work, ticket.email);
    await store.updateTicket(db, ticket.id, { confirmed_at: deps.now(), customer_id: ticket.customer_id ?? account?.id ?? null });
    await work.audit({ action: 'support.address_confirmed', subjectId: account?.id ?? null, target: { type: 'support_ticket', id: ticket.id } });
    await work.mail({
      to: ticket.email,
      userId: account?.id ?? null,
      replyTo: replyAddressOf(deps.settings.address, ticket.token),
      ...supportMails.ticketReceived({ addressConfirmed: true, ticketUrl: account ? `${deps.publicUrl}/support/tickets/${ticket.id}` : null }),
    });
    return { id: ticket.id, confirmed: true };
  });
}
