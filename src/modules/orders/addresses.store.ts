import type { Queryable } from '../../platform/db/index.js';
import type { OrdersTables } from './orders.tables.js';

type Db = Queryable<OrdersTables>;

export async function insertAddress(db: Db, row: OrdersTables['customer_addresses']) {
  await db.insertInto('customer_addresses').values(row).execute();
}

export async function listAddresses(db: Db, customerId: string) {
  return db.selectFrom('customer_addresses').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findAddress(db: Db, customerId: string, id: string) {
  return db.selectFrom('customer_addresses').selectAll().where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
}

export async function deleteAddress(db: Db, customerId: string, id: string): Promise<number> {
  const res = await db.deleteFrom('customer_addresses').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows);
}
