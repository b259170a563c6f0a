import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { endSubscription } from './renew.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { subscriptionsErrors } from './subscriptions.errors.js';
import { mailCustomer, subscriptionLink, subscriptionsMails } from './subscriptions.mails.js';
import * as store from './subscriptions.store.js';
import type { SubscriptionsTables } from './subscriptions.tables.js';

/**
 * The customer cancels. A paid period runs to its end (nothing more is charged, the licence works until
 * then); a subscription not yet paid, or on hold for an unpaid renewal, ends now and owes nothing more.
 */
export async function cancelSubscription(deps: SubscriptionsDeps, principal: Principal, id: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    const sub = await store.findSubscription(db, id, { lock: true });
    if (!sub || sub.customer_id !== principal.userId) throw subscriptionsErrors.subscriptionNotFound();
    const now = deps.now();
    const plan = (await store.findPlan(db, sub.plan_id))!;
    const link = subscriptionLink(deps.publicUrl, sub.id);
    if (sub.status === 'active' && sub.current_period_end) {
      if (sub.cancel_at_period_end) return { endsAt: sub.current_period_end };
      await store.updateSubscription(db, sub.id, { cancel_at_period_end: true, updated_at: now });
      await work.audit({ action: 'subscriptions.cancel_scheduled', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id }, details: { endsAt: sub.current_period_end.toISOString() } });
      const endsAt = sub.current_period_end;
      await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.cancelScheduled(name, plan.name, endsAt, link));
      return { endsAt };
    }
    if (sub.status !== 'incomplete' && sub.status !== 'past_due') throw subscriptionsErrors.notCancellable(sub.status);
    const due = await store.findPendingCharge(db, sub.id, sub.period_index + 1);
    if (due) {
      await store.updateCharge(db, due.id, { status: 'failed', settled_at: now });
      await work.audit({ action: 'subscriptions.charge_withdrawn', subjectId: sub.customer_id, target: { type: 'subscription_charge', id: due.id }, details: { subscriptionId: sub.id, amountCents: due.amount_cents, currency: due.currency } });
    }
    await endSubscription(work, deps, sub, 'canceled', now);
    await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.ended(name, plan.name, 'canceled', link));
    return { endsAt: now };
  });
}

/** The customer keeps a subscription they had set to end: it renews again. */
export async function resumeSubscription(deps: SubscriptionsDeps, principal: Principal, id: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    const sub = await store.findSubscription(db, id, { lock: true });
    if (!sub || sub.customer_id !== principal.userId) throw subscriptionsErrors.subscriptionNotFound();
    if (sub.status !== 'active' || !sub.cancel_at_period_end) throw subscriptionsErrors.notResumable();
    await store.updateSubscription(db, sub.id, { cancel_at_period_end: false, updated_at: deps.now() });
    await work.audit({ action: 'subscriptions.cancel_withdrawn', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id } });
  });
}
