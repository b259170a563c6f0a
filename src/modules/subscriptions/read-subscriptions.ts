import type { z } from 'zod';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { presentPlan } from './manage-plans.js';
import { pastDueEnds } from './periods.js';
import { subscriptionPaymentOptions } from './subscribe.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { subscriptionsErrors } from './subscriptions.errors.js';
import type { ZSubscription } from './subscriptions.schema.js';
import * as store from './subscriptions.store.js';
import type { SubscriptionRow, SubscriptionsTables } from './subscriptions.tables.js';

async function present(work: Work, sub: SubscriptionRow): Promise<z.infer<typeof ZSubscription>> {
  const db = tablesOf<SubscriptionsTables>(work);
  const plan = (await store.findPlan(db, sub.plan_id))!;
  const charges = await store.listCharges(db, sub.id);
  const due = charges.find((c) => c.status === 'pending' && c.period_index === sub.period_index + 1);
  const a = sub.billing_address;
  return {
    id: sub.id,
    number: sub.number,
    customerId: sub.customer_id,
    plan: presentPlan(plan),
    status: sub.status,
    provider: sub.provider,
    cardSaved: sub.payment_method_ref !== null,
    currentPeriodStart: sub.current_period_start,
    currentPeriodEnd: sub.current_period_end,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    expiresAt: sub.status === 'past_due' && sub.past_due_since ? pastDueEnds(sub.past_due_since) : null,
    endedAt: sub.ended_at,
    licenceId: sub.licence_id,
    billingAddress: { name: a.name, company: a.company, line1: a.line1, line2: a.line2, postalCode: a.postalCode, city: a.city, region: a.region, country: a.country },
    amountDue: due && sub.status !== 'canceled' && sub.status !== 'expired' ? { amountCents: due.amount_cents, currency: due.currency, provider: due.provider, bankReference: sub.number } : null,
    charges: charges.map((c) => ({ id: c.id, period: c.period_index, amountCents: c.amount_cents, currency: c.currency, provider: c.provider, status: c.status, invoiceId: c.invoice_id, createdAt: c.created_at, settledAt: c.settled_at })),
  };
}

async function presentAll(work: Work, rows: SubscriptionRow[]) {
  const out = [];
  for (const r of rows) out.push(await present(work, r));
  return out;
}

/** The customer's own subscriptions, newest first, with what is due and every period's charge. */
export async function mySubscriptions(deps: SubscriptionsDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const rows = await store.listSubscriptionsOfCustomer(tablesOf<SubscriptionsTables>(work), principal.userId);
    return { subscriptions: await presentAll(work, rows), paymentOptions: subscriptionPaymentOptions(deps) };
  });
}

/** One subscription: its customer's, or any for an admin (the read audited). */
export async function getSubscription(deps: SubscriptionsDeps, principal: Principal, id: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const sub = await store.findSubscription(tablesOf<SubscriptionsTables>(work), id);
    if (!sub || (sub.customer_id !== principal.userId && principal.role !== 'admin')) throw subscriptionsErrors.subscriptionNotFound();
    if (sub.customer_id !== principal.userId) await work.audit({ action: 'subscriptions.read_by_staff', subjectId: sub.customer_id, target: { type: 'subscription', id: sub.id } });
    return present(work, sub);
  });
}

/** Every subscription, for admins (who record bank transfers): each customer's read audited. */
export async function allSubscriptions(deps: SubscriptionsDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const rows = await store.listAllSubscriptions(tablesOf<SubscriptionsTables>(work));
    for (const r of rows) await work.audit({ action: 'subscriptions.read_by_staff', subjectId: r.customer_id, target: { type: 'subscription', id: r.id }, details: { what: 'list' } });
    return { subscriptions: await presentAll(work, rows), paymentOptions: subscriptionPaymentOptions(deps) };
  });
}
