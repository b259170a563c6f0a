import type { Queryable } from '../../platform/db/index.js';
import type { TPostalAddress } from '../orders/index.js';
import type { ChargeRow, SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

type Db = Queryable<SubscriptionsTables>;

export async function insertPlan(db: Db, row: SubscriptionsTables['subscription_plans']) {
  await db.insertInto('subscription_plans').values(row).execute();
}

export async function findPlan(db: Db, id: string) {
  return db.selectFrom('subscription_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlanByCode(db: Db, code: string) {
  return db.selectFrom('subscription_plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listPlans(db: Db, opts: { activeOnly: boolean }) {
  let q = db.selectFrom('subscription_plans').selectAll().orderBy('created_at').orderBy('id');
  if (opts.activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export async function insertSubscription(db: Db, row: Omit<SubscriptionsTables['subscriptions'], 'billing_address'> & { billing_address: TPostalAddress }) {
  await db.insertInto('subscriptions').values({ ...row, billing_address: JSON.stringify(row.billing_address) }).execute();
}

export async function findSubscription(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('subscriptions').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listSubscriptionsOfCustomer(db: Db, customerId: string) {
  return db.selectFrom('subscriptions').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function listAllSubscriptions(db: Db) {
  return db.selectFrom('subscriptions').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findRunning(db: Db, customerId: string, planId: string) {
  return db.selectFrom('subscriptions').select('id').where('customer_id', '=', customerId).where('plan_id', '=', planId).where('status', 'in', ['incomplete', 'active', 'past_due']).executeTakeFirst();
}

export async function updateSubscription(db: Db, id: string, change: Partial<Omit<SubscriptionRow, 'id' | 'billing_address'>>) {
  await db.updateTable('subscriptions').set(change).where('id', '=', id).execute();
}

/** Ids of running subscriptions whose period ends before `until` (reminders, renewals, expiries), oldest first. */
export async function listDueIds(db: Db, statuses: SubscriptionRow['status'][], until: Date, limit: number) {
  const rows = await db.selectFrom('subscriptions').select('id').where('status', 'in', statuses).where('current_period_end', '<=', until).orderBy('current_period_end').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function insertCharge(db: Db, row: SubscriptionsTables['subscription_charges']) {
  await db.insertInto('subscription_charges').values(row).execute();
}

export async function listCharges(db: Db, subscriptionId: string) {
  return db.selectFrom('subscription_charges').selectAll().where('subscription_id', '=', subscriptionId).orderBy('period_index').orderBy('created_at').execute();
}

export async function findPendingCharge(db: Db, subscriptionId: string, periodIndex: number): Promise<ChargeRow | undefined> {
  return db.selectFrom('subscription_charges').selectAll().where('subscription_id', '=', subscriptionId).where('period_index', '=', periodIndex).where('status', '=', 'pending').forUpdate().executeTakeFirst();
}

export async function findChargeByRef(db: Db, providerRef: string) {
  return db.selectFrom('subscription_charges').selectAll().where('provider', '=', 'stripe').where('provider_ref', '=', providerRef).forUpdate().executeTakeFirst();
}

export async function findChargeByPaymentRef(db: Db, paymentRef: string) {
  return db.selectFrom('subscription_charges').selectAll().where('provider', '=', 'stripe').where('provider_payment_ref', '=', paymentRef).executeTakeFirst();
}

export async function updateCharge(db: Db, id: string, change: Partial<Pick<ChargeRow, 'status' | 'provider' | 'provider_ref' | 'provider_payment_ref' | 'invoice_id' | 'recorded_by' | 'settled_at'>>) {
  await db.updateTable('subscription_charges').set(change).where('id', '=', id).execute();
}
