import type { Work } from '../../platform/unit-of-work/index.js';
import type { Db } from './orders.store.js';
import * as store from './orders.store.js';

/**
 * States `order.placed` or `order.status_changed` in the work that made the change, with the order as
 * it now stands: its columns are named as the registry knows them, so the listener (integrations)
 * passes on only those whose categories a recipient may receive.
 */
export async function publishOrderEvent(work: Work, db: Db, orderId: string, type: 'order.placed' | 'order.status_changed') {
  const order = await store.findOrder(db, orderId);
  if (!order) return;
  await work.publish({ type, subjectId: order.customer_id, record: { table: 'orders', id: order.id, fields: { ...order } } });
}
