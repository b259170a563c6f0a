import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import * as catalogue from './catalogue.store.js';
import { recordNewOrder } from './new-order.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import type { TCatalogueItemInput, TOrderCatalogueItem } from './orders.schema.js';
import type { CatalogueItemRow, OrdersTables } from './orders.tables.js';

/**
 * The catalogue: what a business sells at a fixed price with nothing to upload or configure (a
 * print-and-ship service, a scan, a licence). Staff keep it; customers order from it directly, and the
 * order runs as every other one (tax, addresses, confirmation, payment, invoice, shipping).
 */
function isSeller(principal: Principal): boolean {
  return principal.role === 'staff' || principal.role === 'admin';
}

function present(i: CatalogueItemRow) {
  return { id: i.id, name: i.name, description: i.description, unitCents: i.unit_cents, currency: i.currency, active: i.active };
}

/** Customers see what is offered; staff see the withdrawn items too. */
export async function listCatalogue(deps: OrdersDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => ({
    items: (await catalogue.listCatalogueItems(tablesOf<OrdersTables>(work), { activeOnly: !isSeller(principal) })).map(present),
  }));
}

export async function addCatalogueItem(deps: OrdersDeps, principal: Principal, input: TCatalogueItemInput, ctx: RequestContext) {
  if (!isSeller(principal)) throw ordersErrors.staffOnly();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const now = deps.now();
    const row: CatalogueItemRow = { id: randomUUID(), name: input.name, description: input.description, unit_cents: input.unitCents, currency: input.currency, active: true, created_at: now, updated_at: now };
    await catalogue.insertCatalogueItem(tablesOf<OrdersTables>(work), row);
    await work.audit({ action: 'orders.catalogue_item_added', target: { type: 'catalogue_item', id: row.id }, details: { unitCents: row.unit_cents, currency: row.currency } });
    return present(row);
  });
}

/** Staff withdraw an item (or offer it again); its past orders keep their lines. */
export async function setCatalogueItemActive(deps: OrdersDeps, principal: Principal, id: string, active: boolean, ctx: RequestContext) {
  if (!isSeller(principal)) throw ordersErrors.staffOnly();
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const n = await catalogue.updateCatalogueItem(tablesOf<OrdersTables>(work), id, { active, updated_at: deps.now() });
    if (n === 0) throw ordersErrors.catalogueItemNotFound();
    await work.audit({ action: active ? 'orders.catalogue_item_offered' : 'orders.catalogue_item_withdrawn', target: { type: 'catalogue_item', id } });
  });
}

/** The customer orders an item at its catalogue price; the order is theirs alone. */
export async function orderCatalogueItem(deps: OrdersDeps, principal: Principal, id: string, input: TOrderCatalogueItem, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const item = await catalogue.findCatalogueItem(tablesOf<OrdersTables>(work), id);
    if (!item) throw ordersErrors.catalogueItemNotFound();
    if (!item.active) throw ordersErrors.catalogueItemWithdrawn();
    const { id: orderId } = await recordNewOrder(work, deps, principal, {
      origin: { catalogueItemId: item.id },
      customerId: principal.userId,
      currency: item.currency,
      lines: [{ description: item.name, quantity: input.quantity, unitCents: item.unit_cents, lineCents: input.quantity * item.unit_cents }],
      billingAddress: input.billingAddress,
      shippingAddress: input.shippingAddress,
      notes: input.notes,
      saveAddresses: input.saveAddresses,
    });
    return { id: orderId };
  });
}
