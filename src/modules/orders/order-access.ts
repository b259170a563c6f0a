import { isAppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireProjectAccess, type ProjectAccess } from '../projects/index.js';
import { ordersErrors } from './orders.errors.js';
import * as store from './orders.store.js';
import type { OrdersTables } from './orders.tables.js';

/**
 * An order is seen by whoever may see its project (its customer, the staff assigned to it, admins), as
 * projects and quotes are; everyone else gets the same 404. With `lock`, the order row is locked so
 * status changes and payments on it are serialised.
 */
export async function requireOrderAccess(work: Work, principal: Principal, orderId: string, opts: { lock?: boolean } = {}) {
  const db = tablesOf<OrdersTables>(work);
  const found = await store.findOrder(db, orderId);
  if (!found) throw ordersErrors.orderNotFound();
  let access: ProjectAccess;
  try {
    access = await requireProjectAccess(work, principal, found.project_id);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw ordersErrors.orderNotFound();
    throw error;
  }
  const order = opts.lock ? await store.findOrder(db, orderId, { lock: true }) : found;
  if (!order) throw ordersErrors.orderNotFound();
  return { order, as: access.as, access };
}

/** Seed 004's need-to-know access: a read of a customer's order by anyone else is audited. */
export async function auditOrderRead(work: Work, as: ProjectAccess['as'], order: { id: string; customer_id: string }, what: string) {
  if (as === 'customer') return;
  await work.audit({ action: 'orders.read_by_staff', subjectId: order.customer_id, target: { type: 'order', id: order.id }, details: { what } });
}
