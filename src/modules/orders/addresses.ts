import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import * as store from './addresses.store.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import type { TAddressInput } from './orders.schema.js';
import type { AddressRow, OrdersTables } from './orders.tables.js';

function presentSaved(a: AddressRow) {
  return { id: a.id, name: a.name, company: a.company, line1: a.line1, line2: a.line2, postalCode: a.postal_code, city: a.city, region: a.region, country: a.country, createdAt: a.created_at };
}

/** The caller's own address book: billing and delivery addresses they saved. */
export async function listAddresses(deps: OrdersDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => ({ addresses: (await store.listAddresses(tablesOf<OrdersTables>(work), principal.userId)).map(presentSaved) }));
}

export async function addAddress(deps: OrdersDeps, principal: Principal, input: TAddressInput, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const id = randomUUID();
    await store.insertAddress(tablesOf<OrdersTables>(work), { id, customer_id: principal.userId, name: input.name, company: input.company, line1: input.line1, line2: input.line2, postal_code: input.postalCode, city: input.city, region: input.region, country: input.country, created_at: deps.now() });
    await work.audit({ action: 'orders.address_saved', subjectId: principal.userId, target: { type: 'address', id } });
    return { id };
  });
}

export async function removeAddress(deps: OrdersDeps, principal: Principal, id: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const n = await store.deleteAddress(tablesOf<OrdersTables>(work), principal.userId, id);
    if (n === 0) throw ordersErrors.addressNotFound();
    await work.audit({ action: 'orders.address_removed', subjectId: principal.userId, target: { type: 'address', id } });
  });
}
