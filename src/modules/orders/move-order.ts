import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { notifyCustomer } from '../projects/index.js';
import { requireOrderAccess } from './order-access.js';
import { moveRefusal } from './order-rules.js';
import { CLOSED } from './order-status.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import { orderLink, ordersMails } from './orders.mails.js';
import type { TMoveOrder } from './orders.schema.js';
import { publishOrderEvent } from './publish-order-event.js';
import * as store from './orders.store.js';
import type { OrdersTables } from './orders.tables.js';

/**
 * Staff on the order's project move it through production and delivery (the customer may only cancel
 * an unpaid order). Shipping needs the carrier and tracking link, which the shipping e-mail carries;
 * delivery sends the delivery e-mail. A move the status machine does not allow is refused with the
 * moves that are allowed.
 */
export async function moveOrder(deps: OrdersDeps, principal: Principal, orderId: string, input: TMoveOrder, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { order, as } = await requireOrderAccess(work, principal, orderId, { lock: true });
    const refusal = moveRefusal(as, order.status, input.status, order.shipping_address !== null);
    if (refusal) throw refusal;
    const now = deps.now();
    const link = orderLink(deps.publicUrl, order.id);
    const closing = CLOSED.has(input.status) ? { completed_at: now } : {};
    if (input.status === 'shipped') {
      if (!input.carrier || !input.trackingUrl) throw ordersErrors.trackingNeeded();
      await store.updateOrder(db, order.id, { status: 'shipped', carrier: input.carrier, tracking_url: input.trackingUrl, shipped_at: now, updated_at: now });
    } else if (input.status === 'delivered') {
      await store.updateOrder(db, order.id, { status: 'delivered', delivered_at: now, updated_at: now, ...closing });
    } else {
      await store.updateOrder(db, order.id, { status: input.status, updated_at: now, ...closing });
    }
    await store.insertOrderEvent(db, { id: randomUUID(), order_id: order.id, customer_id: order.customer_id, from_status: order.status, to_status: input.status, actor_id: principal.userId, note: input.note, at: now });
    await publishOrderEvent(work, db, order.id, 'order.status_changed');
    await work.audit({
      action: 'orders.status_changed',
      subjectId: order.customer_id,
      target: { type: 'order', id: order.id },
      details: { from: order.status, to: input.status, ...(input.status === 'shipped' ? { carrier: input.carrier } : {}) },
    });
    const project = { id: order.project_id, customer_id: order.customer_id };
    if (input.status === 'shipped') await notifyCustomer(work, deps, project, (name) => ordersMails.shipped(name, order.number, input.carrier!, input.trackingUrl!, link));
    if (input.status === 'delivered') await notifyCustomer(work, deps, project, (name) => ordersMails.delivered(name, order.number, link));
    if (input.status === 'cancelled') await notifyCustomer(work, deps, project, (name) => ordersMails.cancelled(name, order.number, link));
  });
}
