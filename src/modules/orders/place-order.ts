import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { notifyCustomer } from '../projects/index.js';
import { quoteForOrder } from '../quotes/index.js';
import * as addresses from './addresses.store.js';
import { orderLinesFromQuote, taxOf } from './order-lines.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import { formatMoney, orderLink, ordersMails } from './orders.mails.js';
import type { TAddressInput, TPlaceOrder } from './orders.schema.js';
import { publishOrderEvent } from './publish-order-event.js';
import * as store from './orders.store.js';
import type { OrdersTables, TPostalAddress } from './orders.tables.js';

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
    const billing = toPostal(input.billingAddress);
    const shipping = input.shippingAddress ? toPostal(input.shippingAddress) : billing;
    const lines = orderLinesFromQuote(quote.breakdown, quote.amountCents);
    const netCents = quote.amountCents;
    const taxCents = taxOf(netCents, deps.taxRatePercent);
    const id = randomUUID();
    const number = store.orderNumberOf(id);
    const now = deps.now();
    await store.insertOrder(db, {
      id,
      number,
      quote_id: quote.id,
      project_id: quote.projectId,
      customer_id: quote.customerId,
      status: 'pending_payment',
      currency: quote.currency,
      lines,
      net_cents: netCents,
      tax_rate_percent: String(deps.taxRatePercent),
      tax_cents: taxCents,
      total_cents: netCents + taxCents,
      billing_address: billing,
      shipping_address: shipping,
      notes: input.notes,
      carrier: null,
      tracking_url: null,
      payment_method: null,
      created_at: now,
      paid_at: null,
      shipped_at: null,
      delivered_at: null,
      completed_at: null,
      updated_at: now,
    });
    await store.insertOrderEvent(db, { id: randomUUID(), order_id: id, customer_id: quote.customerId, from_status: null, to_status: 'pending_payment', actor_id: principal.userId, note: null, at: now });
    await publishOrderEvent(work, db, id, 'order.placed');
    if (input.saveAddresses) {
      await saveToAddressBook(work, quote.customerId, billing, now);
      if (shipping !== billing) await saveToAddressBook(work, quote.customerId, shipping, now);
    }
    await work.audit({
      action: 'orders.placed',
      subjectId: quote.customerId,
      target: { type: 'order', id },
      details: { quoteId, projectId: quote.projectId, netCents, taxCents, totalCents: netCents + taxCents, currency: quote.currency },
    });
    const total = formatMoney(netCents + taxCents, quote.currency);
    await notifyCustomer(work, deps, { id: quote.projectId, customer_id: quote.customerId }, (name) => ordersMails.confirmation(name, number, total, shipping, orderLink(deps.publicUrl, id)));
    return { id };
  });
}

export function toPostal(a: TAddressInput): TPostalAddress {
  return { name: a.name, company: a.company, line1: a.line1, line2: a.line2, postalCode: a.postalCode, city: a.city, region: a.region, country: a.country };
}

/** Adds an address to the customer's book unless the same one is there already. */
async function saveToAddressBook(work: Work, customerId: string, a: TPostalAddress, now: Date) {
  const db = tablesOf<OrdersTables>(work);
  const known = await addresses.listAddresses(db, customerId);
  const same = known.some((k) => k.name === a.name && k.company === a.company && k.line1 === a.line1 && k.line2 === a.line2 && k.postal_code === a.postalCode && k.city === a.city && k.region === a.region && k.country === a.country);
  if (same) return;
  const id = randomUUID();
  await addresses.insertAddress(db, { id, customer_id: customerId, name: a.name, company: a.company, line1: a.line1, line2: a.line2, postal_code: a.postalCode, city: a.city, region: a.region, country: a.country, created_at: now });
  await work.audit({ action: 'orders.address_saved', subjectId: customerId, target: { type: 'address', id } });
}
