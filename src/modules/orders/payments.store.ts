import type { Queryable } from '../../platform/db/index.js';
import type { OrdersTables, PaymentProviderId, PaymentRow } from './orders.tables.js';

type Db = Queryable<OrdersTables>;

export async function insertPayment(db: Db, row: OrdersTables['payments']) {
  await db.insertInto('payments').values(row).execute();
}

export async function listPayments(db: Db, orderId: string) {
  return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
}

export async function findPaymentByRef(db: Db, provider: PaymentProviderId, providerRef: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('payments').selectAll().where('provider', '=', provider).where('provider_ref', '=', providerRef);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function findPaymentByPaymentRef(db: Db, provider: PaymentProviderId, paymentRef: string) {
  return db.selectFrom('payments').selectAll().where('provider', '=', provider).where('provider_payment_ref', '=', paymentRef).where('kind', '=', 'payment').executeTakeFirst();
}

export async function updatePayment(db: Db, id: string, change: Partial<Pick<PaymentRow, 'status' | 'provider_payment_ref' | 'payment_method_ref' | 'card_brand' | 'card_last4' | 'settled_at'>>) {
  await db.updateTable('payments').set(change).where('id', '=', id).execute();
}

/** Records a provider's event id; false when it was already recorded (a duplicate delivery). */
export async function recordProviderEvent(db: Db, row: OrdersTables['payment_provider_events']): Promise<boolean> {
  const res = await db.insertInto('payment_provider_events').values(row).onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countProviderEvents(db: Db, provider: PaymentProviderId): Promise<number> {
  const row = await db.selectFrom('payment_provider_events').select((eb) => eb.fn.countAll<string>().as('n')).where('provider', '=', provider).executeTakeFirstOrThrow();
  return Number(row.n);
}
