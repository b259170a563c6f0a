import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import * as store from './subscriptions.store.js';
import type { ChargeRow, PlanRow, SubscriptionProvider, SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

/** A period's price: the plan's price is net, the installation's tax rate on top, in whole cents. */
export function pricing(plan: Pick<PlanRow, 'price_cents'>, taxRatePercent: number) {
  const net = plan.price_cents;
  const tax = Math.round((net * taxRatePercent) / 100);
  return { net, tax, total: net + tax };
}

/** The pending charge of a period, made once: asked again (a retried job, a second click) it is the same row. */
export async function pendingCharge(work: Work, deps: Pick<SubscriptionsDeps, 'now' | 'invoicing'>, sub: SubscriptionRow, plan: PlanRow, periodIndex: number, provider: SubscriptionProvider): Promise<ChargeRow> {
  const db = tablesOf<SubscriptionsTables>(work);
  const open = await store.findPendingCharge(db, sub.id, periodIndex);
  if (open) return open;
  const row: ChargeRow = {
    id: randomUUID(),
    subscription_id: sub.id,
    customer_id: sub.customer_id,
    period_index: periodIndex,
    amount_cents: pricing(plan, deps.invoicing.taxRatePercent).total,
    currency: plan.currency,
    provider,
    status: 'pending',
    provider_ref: null,
    provider_payment_ref: null,
    invoice_id: null,
    recorded_by: null,
    created_at: deps.now(),
    settled_at: null,
  };
  await store.insertCharge(db, row);
  await work.audit({ action: 'subscriptions.charge_opened', subjectId: sub.customer_id, target: { type: 'subscription_charge', id: row.id }, details: { subscriptionId: sub.id, period: periodIndex, amountCents: row.amount_cents, currency: row.currency, provider } });
  return row;
}
