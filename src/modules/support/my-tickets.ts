import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';
import { presentSummaries, presentTicket } from './ticket-view.js';

/** The person's own conversations with the support desk, newest first. */
export async function listMyTickets(deps: SupportDeps, p: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => presentSummaries(work, await store.listTicketsOfCustomer(tablesOf<SupportTables>(work), p.userId)));
}

export async function readMyTicket(deps: SupportDeps, p: Principal, id: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const ticket = await store.findTicket(tablesOf<SupportTables>(work), id);
    if (!ticket?.confirmed_at || ticket.customer_id !== p.userId) throw supportErrors.ticketNotFound();
    return presentTicket(work, ticket, 'customer');
  });
}
