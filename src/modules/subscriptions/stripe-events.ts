import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { settleCharge } from './settle-charge.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import * as store from './subscriptions.store.js';
import type { SubscriptionsTables } from './subscriptions.tables.js';

type StripeEvent = { id: string; type: string; data: { object: Record<string, unknown> } };
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * Stripe's notices about a subscription's payment, handed over by orders' webhook (which checked the
 * signature and records the event id in the same work, so a duplicate is applied once). Null when the
 * notice is about no subscription.
 */
export async function applySubscriptionStripeEvent(work: Work, deps: SubscriptionsDeps, event: StripeEvent): Promise<string | null> {
  const db = tablesOf<SubscriptionsTables>(work);
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const sessionId = str(object.id);
      const charge = sessionId ? await store.findChargeByRef(db, sessionId) : undefined;
      if (!charge) return null;
      if (object.payment_status !== 'paid') return 'not_paid_yet';
      if (charge.status !== 'pending') return 'already_settled';
      if (object.amount_total !== charge.amount_cents || str(object.currency)?.toUpperCase() !== charge.currency) return 'amount_mismatch';
      const sub = await store.findSubscription(db, charge.subscription_id, { lock: true });
      if (!sub || sub.period_index + 1 !== charge.period_index || !['incomplete', 'active', 'past_due'].includes(sub.status)) return 'subscription_not_payable';
      await settleCharge(work, deps, sub, charge, { actorId: null, providerPaymentRef: str(object.payment_intent) });
      return 'subscription_settled';
    }
    case 'charge.succeeded': {
      // The card to charge at renewals: only Stripe's token for it, kept while the policy declares it.
      const intent = str(object.payment_intent);
      const charge = intent ? await store.findChargeByPaymentRef(db, intent) : undefined;
      if (!charge) return null;
      const method = str(object.payment_method);
      const { values } = await deps.invoicing.policy.inWork(work);
      if (!method || !values.isDeclared('billing.payment_instrument')) return 'instrument_not_kept';
      await store.updateSubscription(db, charge.subscription_id, { payment_method_ref: method, updated_at: deps.now() });
      await work.audit({ action: 'payments.instrument_recorded', subjectId: charge.customer_id, target: { type: 'subscription', id: charge.subscription_id } });
      return 'subscription_card_saved';
    }
    default:
      return null;
  }
}
