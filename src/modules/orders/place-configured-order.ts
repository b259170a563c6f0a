import type { Principal } from '../../platform/http/index.js';
import type { Work } from '../../platform/unit-of-work/index.js';
import { recordNewOrder } from './new-order.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import type { TPlaceOrder } from './orders.schema.js';
import type { TOrderLine } from './orders.tables.js';

/** A saved configuration, priced by the configurator: its lines (each a product and its choices). */
export type ConfiguredOrder = TPlaceOrder & { configurationId: string; currency: string; lines: TOrderLine[] };

/**
 * The person orders a configuration they saved, inside the configurator's work (which has checked the
 * configuration is theirs and priced it by the product's rules). The order is theirs, with the same
 * tax, addresses, confirmation and payment providers as an order of a quote.
 */
export async function placeConfiguredOrder(deps: OrdersDeps, work: Work, principal: Principal, input: ConfiguredOrder) {
  if (!/^[A-Z]{3}$/.test(input.currency)) throw ordersErrors.badLines('the currency is not a three-letter ISO code');
  if (input.lines.length === 0) throw ordersErrors.badLines('there is nothing to order');
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || !Number.isSafeInteger(l.unitCents) || l.unitCents < 0 || l.lineCents !== l.quantity * l.unitCents) {
      throw ordersErrors.badLines(`the line "${l.description}" does not add up`);
    }
  }
  return recordNewOrder(work, deps, principal, { ...input, origin: { configurationId: input.configurationId }, customerId: principal.userId });
}
