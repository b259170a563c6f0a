import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/http/index.js';
import { refuseUndeclaredFields } from '../../platform/features/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { notifyCustomer } from '../projects/index.js';
import * as addresses from './addresses.store.js';
import { taxOf } from './order-lines.js';
import type { OrdersDeps } from './orders.deps.js';
import { formatMoney, orderLink, ordersMails } from './orders.mails.js';
import type { TAddressInput } from './orders.schema.js';
import * as store from './orders.store.js';
import type { OrdersTables, TOrderLine, TPostalAddress } from './orders.tables.js';
import { publishOrderEvent } from './publish-order-event.js';

/** Where a new order comes from: an accepted quote of a project, a saved configuration, or a catalogue item. */
export type OrderOrigin = { quoteId: string; projectId: string } | { configurationId: string } | { catalogueItemId: string };

export type NewOrder = {
  origin: OrderOrigin;
  customerId: string;
  currency: string;
  /** The lines, adding up to the net amount the tax is computed on. */
  lines: TOrderLine[];
  billingAddress: TAddressInput;
  shippingAddress?: TAddressInput | null;
  notes: string | null;
  saveAddresses: boolean;
};

/**
 * Records a new order in the caller's work, whatever it comes from: its lines, the installation's tax
 * on their sum, the addresses (shipping only where the policy declares it) (kept in the address book unless the customer says not to), its first
 * event, the audit entry, and the confirmation the customer gets. It waits for its payment.
 */
export async function recordNewOrder(work: Work, deps: Pick<OrdersDeps, 'now' | 'publicUrl' | 'taxRatePercent' | 'policy'>, principal: Principal, input: NewOrder) {
  const db = tablesOf<OrdersTables>(work);
  // Shipping details are asked only while the policy declares them; otherwise nothing is shipped (a service).
  const { values } = await deps.policy.inWork(work);
  refuseUndeclaredFields(input, { shippingAddress: 'order.shipping' }, (c) => values.isDeclared(c));
  const billing = toPostal(input.billingAddress);
  const shipping = !values.isDeclared('order.shipping') ? null : input.shippingAddress ? toPostal(input.shippingAddress) : billing;
  const netCents = input.lines.reduce((sum, l) => sum + l.lineCents, 0);
  const taxCents = taxOf(netCents, deps.taxRatePercent);
  const id = randomUUID();
  const number = store.orderNumberOf(id);
  const now = deps.now();
  const origin = originColumns(input.origin);
  await store.insertOrder(db, {
    id,
    number,
    ...origin,
    customer_id: input.customerId,
    status: 'pending_payment',
    currency: input.currency,
    lines: input.lines,
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
  await store.insertOrderEvent(db, { id: randomUUID(), order_id: id, customer_id: input.customerId, from_status: null, to_status: 'pending_payment', actor_id: principal.userId, note: null, at: now });
  await publishOrderEvent(work, db, id, 'order.placed');
  if (input.saveAddresses) {
    await saveToAddressBook(work, input.customerId, billing, now);
    if (shipping && shipping !== billing) await saveToAddressBook(work, input.customerId, shipping, now);
  }
  const totalCents = netCents + taxCents;
  await work.audit({
    action: 'orders.placed',
    subjectId: input.customerId,
    target: { type: 'order', id },
    details: { ...input.origin, netCents, taxCents, totalCents, currency: input.currency },
  });
  const total = formatMoney(totalCents, input.currency);
  await notifyCustomer(work, deps, { id: origin.project_id, customer_id: input.customerId }, (name) => ordersMails.confirmation(name, number, total, shipping, orderLink(deps.publicUrl, id)));
  return { id, number, netCents, taxCents, totalCents };
}

function originColumns(origin: OrderOrigin) {
  const none = { quote_id: null, project_id: null, configuration_id: null, catalogue_item_id: null };
  if ('quoteId' in origin) return { ...none, quote_id: origin.quoteId, project_id: origin.projectId };
  if ('configurationId' in origin) return { ...none, configuration_id: origin.configurationId };
  return { ...none, catalogue_item_id: origin.catalogueItemId };
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
