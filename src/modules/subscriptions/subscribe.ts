import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { handOverPayment, type TPostalAddress } from '../orders/index.js';
import { pendingCharge } from './charges.js';
import { settleCharge } from './settle-charge.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { subscriptionsErrors } from './subscriptions.errors.js';
import { subscriptionLink } from './subscriptions.mails.js';
import type { TSubscribe } from './subscriptions.schema.js';
import * as store from './subscriptions.store.js';
import type { ChargeRow, PlanRow, SubscriptionProvider, SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

export function subscriptionPaymentOptions(deps: Pick<SubscriptionsDeps, 'stripe'>): SubscriptionProvider[] {
  return deps.stripe ? ['bank_transfer', 'stripe'] : ['bank_transfer'];
}

/**
 * The customer subscribes to a plan: the subscription waits for its first payment (incomplete), by
 * bank transfer (staff record it) or on Stripe's page, the card kept there for the renewals. Nothing
 * runs, and no licence exists, before that payment.
 */
export async function subscribe(deps: SubscriptionsDeps, principal: Principal, input: TSubscribe, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    const plan = await store.findPlan(db, input.planId);
    if (!plan) throw subscriptionsErrors.planNotFound();
    if (!plan.active) throw subscriptionsErrors.planInactive();
    if (input.provider === 'stripe' && !deps.stripe) throw subscriptionsErrors.providerNotConfigured(input.provider);
    const running = await store.findRunning(db, principal.userId, plan.id);
    if (running) throw subscriptionsErrors.alreadySubscribed(running.id);
    const now = deps.now();
    const id = randomUUID();
    const sub: SubscriptionRow = {
      id,
      number: `SUB-${id.slice(0, 8).toUpperCase()}`,
      plan_id: plan.id,
      customer_id: principal.userId,
      status: 'incomplete',
      provider: input.provider,
      payment_method_ref: null,
      billing_address: { ...input.billingAddress, company: input.billingAddress.company ?? null, line2: input.billingAddress.line2 ?? null, region: input.billingAddress.region ?? null } satisfies TPostalAddress,
      licence_id: null,
      period_index: 0,
      current_period_start: null,
      current_period_end: null,
      cancel_at_period_end: false,
      reminded_period: null,
      past_due_since: null,
      ended_at: null,
      created_at: now,
      updated_at: now,
    };
    await store.insertSubscription(db, sub);
    await work.audit({ action: 'subscriptions.subscribed', subjectId: principal.userId, target: { type: 'subscription', id }, details: { planId: plan.id, provider: input.provider } });
    const charge = await pendingCharge(work, deps, sub, plan, 1, input.provider);
    const redirectUrl = input.provider === 'stripe' ? await startStripeCheckout(work, deps, sub, plan, charge) : null;
    return { id, redirectUrl };
  });
}

/** The customer pays what is due (the first period, or a renewal that failed) the way they choose. */
export async function payDue(deps: SubscriptionsDeps, principal: Principal, id: string, provider: SubscriptionProvider, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    const sub = await store.findSubscription(db, id, { lock: true });
    if (!sub || sub.customer_id !== principal.userId) throw subscriptionsErrors.subscriptionNotFound();
    if (provider === 'stripe' && !deps.stripe) throw subscriptionsErrors.providerNotConfigured(provider);
    const due = await store.findPendingCharge(db, sub.id, sub.period_index + 1);
    if (!due || !['incomplete', 'active', 'past_due'].includes(sub.status)) throw subscriptionsErrors.nothingToPay();
    const plan = (await store.findPlan(db, sub.plan_id))!;
    await store.updateCharge(db, due.id, { provider, provider_ref: null });
    await store.updateSubscription(db, sub.id, { provider, updated_at: deps.now() });
    await work.audit({ action: 'subscriptions.payment_method_chosen', subjectId: sub.customer_id, target: { type: 'subscription_charge', id: due.id }, details: { subscriptionId: sub.id, provider, amountCents: due.amount_cents, currency: due.currency } });
    return { redirectUrl: provider === 'stripe' ? await startStripeCheckout(work, deps, sub, plan, { ...due, provider }) : null };
  });
}

/** Staff record that a subscription's bank transfer arrived: its period starts (or renews) and is invoiced. */
export async function recordSubscriptionTransfer(deps: SubscriptionsDeps, principal: Principal, id: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    const sub = await store.findSubscription(db, id, { lock: true });
    if (!sub) throw subscriptionsErrors.subscriptionNotFound();
    const due = await store.findPendingCharge(db, sub.id, sub.period_index + 1);
    if (!due || due.provider !== 'bank_transfer' || !['incomplete', 'active', 'past_due'].includes(sub.status)) throw subscriptionsErrors.noBankTransferDue();
    const invoice = await settleCharge(work, deps, sub, due, { actorId: principal.userId });
    return { invoiceId: invoice.id, invoiceNumber: invoice.number };
  });
}

/**
 * A Checkout Session for the charge: the amount and subscription number (and the e-mail where the
 * policy gives it to the provider) go through egress; the card is kept at Stripe for the renewals.
 */
async function startStripeCheckout(work: Work, deps: SubscriptionsDeps, sub: SubscriptionRow, plan: PlanRow, charge: ChargeRow): Promise<string> {
  const stripe = deps.stripe;
  if (!stripe) throw subscriptionsErrors.providerNotConfigured('stripe');
  const released = await handOverPayment(work, deps, {
    subjectId: sub.customer_id,
    amountCents: charge.amount_cents,
    currency: charge.currency,
    reference: sub.number,
    recordId: sub.id,
    auditDetails: { subscriptionId: sub.id, provider: 'stripe' },
  });
  const link = subscriptionLink(deps.publicUrl, sub.id);
  const session = await stripe.client.createCheckoutSession({
    amountCents: released.amountCents,
    currency: released.currency,
    description: `${plan.name} (${released.reference})`,
    clientReferenceId: released.reference,
    customerEmail: released.email,
    successUrl: `${link}?payment=done`,
    cancelUrl: `${link}?payment=cancelled`,
    idempotencyKey: `subscription-${charge.id}-${deps.now().getTime()}`,
    saveForRenewals: true,
  });
  await store.updateCharge(tablesOf<SubscriptionsTables>(work), charge.id, { provider_ref: session.id });
  return session.url;
}
