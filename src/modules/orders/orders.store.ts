import type { Queryable } from '../../platform/db/index.js';
import type { OrdersTables, TOrderLine, TPostalAddress } from './orders.tables.js';

export type Db = Queryable<OrdersTables>;
type OrderInsert = Omit<OrdersTables['orders'], 'lines' | 'billing_address' | 'shipping_address'> & { lines: TOrderLine[]; billing_address: TPostalAddress; shipping_address: TPostalAddress | null };

export async function insertOrder(db: Db, row: OrderInsert) {
  await db
    .insertInto('orders')
    .values({ ...row, lines: JSON.stringify(row.lines), billing_address: JSON.stringify(row.billing_address), shipping_address: row.shipping_address ? JSON.stringify(row.shipping_address) : null })
    .execute();
}

export async function findOrder(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('orders').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function findOrderOfQuote(db: Db, quoteId: string) {
  return db.selectFrom('orders').select(['id']).where('quote_id', '=', quoteId).executeTakeFirst();
}

export async function listOrdersOfCustomer(db: Db, customerId: string) {
  return db.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function listOrdersOfProjects(db: Db, projectIds: readonly string[] | 'all') {
  if (projectIds !== 'all' && projectIds.length === 0) return [];
  let q = db.selectFrom('orders').selectAll();
  if (projectIds !== 'all') q = q.where('project_id', 'in', projectIds);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
}

export async function countOrders(db: Db): Promise<number> {
  const row = await db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateOrder(db: Db, id: string, change: Partial<Pick<OrdersTables['orders'], 'status' | 'carrier' | 'tracking_url' | 'payment_method' | 'paid_at' | 'shipped_at' | 'delivered_at' | 'completed_at'>> & { updated_at: Date }) {
  await db.updateTable('orders').set(change).where('id', '=', id).execute();
}

export async function insertOrderEvent(db: Db, row: OrdersTables['order_events']) {
  await db.insertInto('order_events').values(row).execute();
}

export async function listOrderEvents(db: Db, orderId: string) {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
}

/** A short number people can quote on the phone, from the order's random id; the id stays the key. */
export function orderNumberOf(id: string): string {
  return `ORD-${id.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}
