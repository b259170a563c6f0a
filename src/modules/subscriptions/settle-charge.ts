import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { issueSubscriptionLicence, setLicenceStatusFromSubscription } from '../licensing/index.js';
import { formatMoney, issueInvoice } from '../orders/index.js';
import { pricing } from './charges.js';
import { periodEnd } from './periods.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { mailCustomer, subscriptionLink, subscriptionsMails } from './subscriptions.mails.js';
import * as store from './subscriptions.store.js';
import type { ChargeRow, SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

const PROVIDER_WORDS = { bank_transfer: 'bank transfer', stripe: 'card (Stripe)' } as const;

/**
 * A period's charge was paid (the provider's notice, an off-session charge that succeeded, or staff
 * recording a bank transfer): the charge succeeds, the period starts (where the last one ended, or now
 * for the first), its invoice is issued through orders' gapless series, the licence follows and the
 * customer is told, all in the caller's work. The subscription row must be locked by the caller.
 */
export async function settleCharge(work: Work, deps: Pick<SubscriptionsDeps, 'now' | 'invoicing' | 'publicUrl'>, sub: SubscriptionRow, charge: ChargeRow, opts: { actorId: string | null; providerPaymentRef?: string | null }) {
  const db = tablesOf<SubscriptionsTables>(work);
  const now = deps.now();
  const plan = await store.findPlan(db, sub.plan_id);
  if (!plan) throw new Error(`subscription ${sub.id} has no plan`);
  const start = sub.current_period_end ?? now;
  const end = periodEnd(start, plan.period);
  const price = pricing(plan, deps.invoicing.taxRatePercent);
  const invoice = await issueInvoice(
    work,
    deps.invoicing,
    {
      id: null,
      number: sub.number,
      referenceLabel: 'Subscription',
      customer_id: sub.customer_id,
      billing_address: sub.billing_address,
      lines: [{ description: `${plan.name}, ${start.toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)}`, quantity: 1, unitCents: price.net, lineCents: price.net }],
      currency: plan.currency,
      net_cents: price.net,
      tax_rate_percent: String(deps.invoicing.taxRatePercent),
      tax_cents: price.tax,
      total_cents: price.total,
    },
    { series: 'invoice', paidWith: PROVIDER_WORDS[charge.provider] },
  );
  await store.updateCharge(db, charge.id, { status: 'succeeded', settled_at: now, invoice_id: invoice.id, recorded_by: opts.actorId, ...(opts.providerPaymentRef ? { provider_payment_ref: opts.providerPaymentRef } : {}) });
  await work.audit({
    action: 'subscriptions.charge_settled',
    subjectId: sub.customer_id,
    target: { type: 'subscription_charge', id: charge.id },
    details: { subscriptionId: sub.id, period: charge.period_index, provider: charge.provider, amountCents: charge.amount_cents, currency: charge.currency, invoice: invoice.number },
  });
  const first = sub.status === 'incomplete';
  let licenceId = sub.licence_id;
  if (plan.licensing_policy_id) {
    if (!licenceId) licenceId = (await issueSubscriptionLicence(work, now, { policyId: plan.licensing_policy_id, userId: sub.customer_id, periodEndsAt: end })).id;
    else await setLicenceStatusFromSubscription(work, now, { licenceId, state: 'active', periodEndsAt: end });
  }
  await store.updateSubscription(db, sub.id, { status: 'active', period_index: charge.period_index, current_period_start: start, current_period_end: end, past_due_since: null, licence_id: licenceId, updated_at: now });
  await work.audit({ action: first ? 'subscriptions.started' : 'subscriptions.renewed', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id }, details: { period: charge.period_index, until: end.toISOString() } });
  const total = formatMoney(charge.amount_cents, charge.currency);
  const link = subscriptionLink(deps.publicUrl, sub.id);
  await mailCustomer(work, sub.customer_id, (name) => (first ? subscriptionsMails.started : subscriptionsMails.renewed)(name, plan.name, total, end, invoice.number, link));
  return invoice;
}
