import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { quoteForOrder } from '../quotes/index.js';
import { recordNewOrder } from './new-order.js';
import { orderLinesFromQuote } from './order-lines.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import type { TPlaceOrder } from './orders.schema.js';
import * as store from './orders.store.js';
import type { OrdersTables } from './orders.tables.js';

/**
 * The customer orders what they accepted: one order per accepted quote, with its lines, tax, currency,
 * billing and shipping addresses (kept in their address book unless they say not to). It waits for its
 * payment; the customer gets the order confirmation.
 */
export async function placeOrder(deps: OrdersDeps, principal: Principal, quoteId: string, input: TPlaceOrder, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { quote, access } = await quoteForOrder(work, principal, quoteId);
    if (access.as !== 'customer') throw ordersErrors.customerOnly();
    if (quote.status !== 'accepted') throw ordersErrors.quoteNotAccepted(quote.status);
    const existing = await store.findOrderOfQuote(db, quoteId);
    if (existing) throw ordersErrors.alreadyOrdered(existing.id);
    const { id } = await recordNewOrder(work, deps, principal, {
      origin: { quoteId: quote.id, projectId: quote.projectId },
      customerId: quote.customerId,
      currency: quote.currency,
      lines: orderLinesFromQuote(quote.breakdown, quote.amountCents),
      billingAddress: input.billingAddress,
      shippingAddress: input.shippingAddress,
      notes: input.notes,
      saveAddresses: input.saveAddresses,
    });
    return { id };
  });
}
