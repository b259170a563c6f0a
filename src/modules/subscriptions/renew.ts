import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { setLicenceStatusFromSubscription } from '../licensing/index.js';
import { formatMoney } from '../orders/index.js';
import { pendingCharge } from './charges.js';
import { pastDueEnds, reminderDue, RENEWAL_REMINDER_DAYS } from './periods.js';
import { settleCharge } from './settle-charge.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { mailCustomer, subscriptionLink, subscriptionsMails } from './subscriptions.mails.js';
import * as store from './subscriptions.store.js';
import type { SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

const BATCH = 100;
const DAY_MS = 86_400_000;

export type RenewalCounts = { reminded: number; renewed: number; pastDue: number; canceled: number; expired: number };

/**
 * The renewal run (a scheduled job): reminders before a period ends, renewals of periods that ended,
 * ends of cancelled subscriptions, and expiry of renewals left unpaid past the grace period. Each
 * subscription is one work that locks its row and looks again at its state, so a run interrupted at
 * any point is resumed by the next, and one run twice does each thing once.
 */
export async function runRenewals(deps: SubscriptionsDeps): Promise<RenewalCounts> {
  const counts: RenewalCounts = { reminded: 0, renewed: 0, pastDue: 0, canceled: 0, expired: 0 };
  const now = deps.now();
  const sweep = async (statuses: SubscriptionRow['status'][], until: Date, step: (work: Work, sub: SubscriptionRow) => Promise<keyof RenewalCounts | null>) => {
    const done = new Set<string>();
    for (;;) {
      const ids = (await store.listDueIds(deps.db, statuses, until, BATCH + done.size)).filter((id) => !done.has(id));
      if (ids.length === 0) return;
      for (const id of ids) {
        done.add(id);
        const outcome = await deps.uow.run({ actor: SYSTEM_ACTOR, requestId: `renewals-${now.getTime()}` }, async (work) => {
          const sub = await store.findSubscription(tablesOf<SubscriptionsTables>(work), id, { lock: true });
          return sub && statuses.includes(sub.status) ? step(work, sub) : null;
        });
        if (outcome) counts[outcome] += 1;
      }
    }
  };
  await sweep(['active'], new Date(now.getTime() + RENEWAL_REMINDER_DAYS * DAY_MS), (work, sub) => remind(work, deps, sub, now));
  await sweep(['active'], now, (work, sub) => renewOrEnd(work, deps, sub, now));
  // A past-due subscription's period ended at least the grace period ago when it is due to expire.
  await sweep(['past_due'], now, (work, sub) => expireIfUnpaid(work, deps, sub, now));
  return counts;
}

async function remind(work: Work, deps: SubscriptionsDeps, sub: SubscriptionRow, now: Date): Promise<'reminded' | null> {
  const end = sub.current_period_end;
  if (!end || sub.cancel_at_period_end || sub.reminded_period === sub.period_index || reminderDue(end) > now || end <= now) return null;
  const db = tablesOf<SubscriptionsTables>(work);
  const plan = (await store.findPlan(db, sub.plan_id))!;
  // A bank transfer can be made ahead: its charge is open from the reminder on.
  const charge = await pendingCharge(work, deps, sub, plan, sub.period_index + 1, sub.provider);
  const how = sub.provider === 'stripe' && sub.payment_method_ref ? 'charged to the card you paid with' : `by bank transfer with the reference ${sub.number}`;
  await store.updateSubscription(db, sub.id, { reminded_period: sub.period_index, updated_at: now });
  await work.audit({ action: 'subscriptions.reminded', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id }, details: { period: sub.period_index + 1 } });
  await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.reminder(name, plan.name, formatMoney(charge.amount_cents, charge.currency), end, how, subscriptionLink(deps.publicUrl, sub.id)));
  return 'reminded';
}

async function renewOrEnd(work: Work, deps: SubscriptionsDeps, sub: SubscriptionRow, now: Date): Promise<keyof RenewalCounts | null> {
  const end = sub.current_period_end;
  if (!end || end > now) return null;
  const db = tablesOf<SubscriptionsTables>(work);
  const plan = (await store.findPlan(db, sub.plan_id))!;
  const link = subscriptionLink(deps.publicUrl, sub.id);
  if (sub.cancel_at_period_end) {
    await endSubscription(work, deps, sub, 'canceled', end);
    await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.ended(name, plan.name, 'canceled', link));
    return 'canceled';
  }
  const charge = await pendingCharge(work, deps, sub, plan, sub.period_index + 1, sub.provider);
  if (deps.stripe && sub.provider === 'stripe' && sub.payment_method_ref) {
    // The same key on every attempt of this period: a run retried after a crash is not charged twice.
    const intent = await deps.stripe.client.chargeSavedMethod({ amountCents: charge.amount_cents, currency: charge.currency, paymentMethod: sub.payment_method_ref, description: `${plan.name} (${sub.number})`, idempotencyKey: `renewal-${sub.id}-${charge.period_index}` });
    await work.audit({ action: 'payments.off_session_charge', subjectId: sub.customer_id, target: { type: 'subscription_charge', id: charge.id }, details: { subscriptionId: sub.id, status: intent.status, amountCents: charge.amount_cents, currency: charge.currency } });
    if (intent.status === 'succeeded') {
      await settleCharge(work, deps, sub, charge, { actorId: null, providerPaymentRef: intent.id });
      return 'renewed';
    }
    await store.updateCharge(db, charge.id, { provider_payment_ref: intent.id });
  }
  // Not paid when the period ended: on hold (the licence suspended) until paid or the grace period ends.
  await store.updateSubscription(db, sub.id, { status: 'past_due', past_due_since: end, updated_at: now });
  await work.audit({ action: 'subscriptions.past_due', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id }, details: { period: charge.period_index, amountCents: charge.amount_cents, currency: charge.currency } });
  if (sub.licence_id) await setLicenceStatusFromSubscription(work, now, { licenceId: sub.licence_id, state: 'past_due', periodEndsAt: end });
  await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.paymentFailed(name, plan.name, formatMoney(charge.amount_cents, charge.currency), pastDueEnds(end), link));
  return 'pastDue';
}

async function expireIfUnpaid(work: Work, deps: SubscriptionsDeps, sub: SubscriptionRow, now: Date): Promise<'expired' | null> {
  if (!sub.past_due_since || pastDueEnds(sub.past_due_since) > now) return null;
  const db = tablesOf<SubscriptionsTables>(work);
  const due = await store.findPendingCharge(db, sub.id, sub.period_index + 1);
  if (due) {
    await store.updateCharge(db, due.id, { status: 'failed', settled_at: now });
    await work.audit({ action: 'subscriptions.charge_failed', subjectId: sub.customer_id, target: { type: 'subscription_charge', id: due.id }, details: { subscriptionId: sub.id, period: due.period_index, amountCents: due.amount_cents, currency: due.currency } });
  }
  await endSubscription(work, deps, sub, 'expired', now);
  const plan = (await store.findPlan(db, sub.plan_id))!;
  await mailCustomer(work, sub.customer_id, (name) => subscriptionsMails.ended(name, plan.name, 'expired', subscriptionLink(deps.publicUrl, sub.id)));
  return 'expired';
}

/** The subscription ends (cancelled at its period end, expired unpaid, or cancelled before it started); its licence with it. */
export async function endSubscription(work: Work, deps: Pick<SubscriptionsDeps, 'now'>, sub: SubscriptionRow, status: 'canceled' | 'expired', at: Date) {
  const now = deps.now();
  await store.updateSubscription(tablesOf<SubscriptionsTables>(work), sub.id, { status, ended_at: at, updated_at: now });
  await work.audit({ action: status === 'canceled' ? 'subscriptions.canceled' : 'subscriptions.expired', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id }, details: { period: sub.period_index } });
  if (sub.licence_id) await setLicenceStatusFromSubscription(work, now, { licenceId: sub.licence_id, state: 'ended', periodEndsAt: at });
}
