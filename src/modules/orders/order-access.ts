import { isAppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireProjectAccess, type ProjectAccess } from '../projects/index.js';
import { ordersErrors } from './orders.errors.js';
import * as store from './orders.store.js';
import type { OrderRow, OrdersTables } from './orders.tables.js';

type Viewer = ProjectAccess['as'];

/**
 * An order of a project is seen by whoever may see the project (its customer, the staff assigned to
 * it, admins), as projects and quotes are. An order of a configured product has no project: its
 * customer sees it, and so do staff and admins, who make and ship the catalogue's products. Everyone
 * else gets the same 404. With `lock`, the order row is locked so status changes and payments on it
 * are serialised.
 */
export async function requireOrderAccess(work: Work, principal: Principal, orderId: string, opts: { lock?: boolean } = {}) {
  const db = tablesOf<OrdersTables>(work);
  const found = await store.findOrder(db, orderId);
  if (!found) throw ordersErrors.orderNotFound();
  const as = await viewerOf(work, principal, found);
  if (!as) throw ordersErrors.orderNotFound();
  const order = opts.lock ? await store.findOrder(db, orderId, { lock: true }) : found;
  if (!order) throw ordersErrors.orderNotFound();
  return { order, as };
}

/** How `principal` sees the order, or null when they may not see it at all. */
export async function viewerOf(work: Work, principal: Principal, order: Pick<OrderRow, 'project_id' | 'customer_id'>): Promise<Viewer | null> {
  if (order.project_id === null) {
    if (order.customer_id === principal.userId) return 'customer';
    return principal.role === 'staff' || principal.role === 'admin' ? principal.role : null;
  }
  try {
    return (await requireProjectAccess(work, principal, order.project_id)).as;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** Seed 004's need-to-know access: a read of a customer's order by anyone else is audited. */
export async function auditOrderRead(work: Work, as: Viewer, order: { id: string; customer_id: string }, what: string) {
  if (as === 'customer') return;
  await work.audit({ action: 'orders.read_by_staff', subjectId: order.customer_id, target: { type: 'order', id: order.id }, details: { what } });
}
