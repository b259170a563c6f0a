import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { handOverPayment } from './hand-over-payment.js';
import { requireOrderAccess } from './order-access.js';
import { payRefusal, recordPaymentRefusal } from './order-rules.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import { orderLink } from './orders.mails.js';
import * as store from './orders.store.js';
import * as payments from './payments.store.js';
import type { OrdersTables, PaymentProviderId } from './orders.tables.js';
import { newPayment, settlePayment } from './settle-payment.js';

/** The ways to pay this installation offers: bank transfer always, card when Stripe is configured. */
export function paymentOptions(deps: Pick<OrdersDeps, 'stripe'>): PaymentProviderId[] {
  return deps.stripe ? ['bank_transfer', 'stripe'] : ['bank_transfer'];
}

/**
 * The customer chooses how to pay. Bank transfer: a pending payment the staff mark paid when the money
 * arrives. Stripe: the amount and order reference (and, if the policy lets it go to the provider, the
 * customer's e-mail) are handed over through egress, and only what it releases goes into a Checkout
 * Session; the customer is sent to Stripe's page, so no card detail ever reaches Meshvault.
 */
export async function startCheckout(deps: OrdersDeps, principal: Principal, orderId: string, provider: PaymentProviderId, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { order, as } = await requireOrderAccess(work, principal, orderId, { lock: true });
    const refusal = payRefusal(as, order.status);
    if (refusal) throw refusal;
    const now = deps.now();
    if (provider === 'bank_transfer') {
      const open = (await payments.listPayments(db, order.id)).find((p) => p.provider === 'bank_transfer' && p.kind === 'payment' && p.status === 'pending');
      if (!open) await newPayment(work, deps, order, { provider, kind: 'payment', status: 'pending', amount_cents: order.total_cents, provider_ref: null, recorded_by: null });
      await store.updateOrder(db, order.id, { payment_method: provider, updated_at: now });
      await work.audit({ action: 'payments.checkout_started', subjectId: order.customer_id, target: { type: 'order', id: order.id }, details: { provider, amountCents: order.total_cents, currency: order.currency } });
      return { redirectUrl: null };
    }
    if (!deps.stripe) throw ordersErrors.providerNotConfigured(provider);
    // Only what egress released leaves; the e-mail is absent when the policy does not give it to the provider.
    const released = await handOverPayment(work, deps, {
      subjectId: order.customer_id,
      amountCents: order.total_cents,
      currency: order.currency,
      reference: order.number,
      recordId: order.id,
      auditDetails: { orderId: order.id, provider },
    });
    const link = orderLink(deps.publicUrl, order.id);
    const session = await deps.stripe.client.createCheckoutSession({
      amountCents: released.amountCents,
      currency: released.currency,
      description: `Order ${released.reference}`,
      clientReferenceId: released.reference,
      customerEmail: released.email,
      successUrl: `${link}?payment=done`,
      cancelUrl: `${link}?payment=cancelled`,
      idempotencyKey: `checkout-${order.id}-${now.getTime()}`,
    });
    await newPayment(work, deps, order, { provider, kind: 'payment', status: 'pending', amount_cents: order.total_cents, provider_ref: session.id, recorded_by: null });
    await store.updateOrder(db, order.id, { payment_method: provider, updated_at: now });
    await work.audit({ action: 'payments.checkout_started', subjectId: order.customer_id, target: { type: 'order', id: order.id }, details: { provider, amountCents: order.total_cents, currency: order.currency } });
    return { redirectUrl: session.url };
  });
}

/** Staff record that the bank transfer arrived: the order is paid and its invoice issued. */
export async function recordBankTransfer(deps: OrdersDeps, principal: Principal, orderId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { order, as } = await requireOrderAccess(work, principal, orderId, { lock: true });
    const refusal = recordPaymentRefusal(as, order.status);
    if (refusal) throw refusal;
    const pending = (await payments.listPayments(db, order.id)).find((p) => p.provider === 'bank_transfer' && p.kind === 'payment' && p.status === 'pending');
    const payment = pending ?? (await newPayment(work, deps, order, { provider: 'bank_transfer', kind: 'payment', status: 'pending', amount_cents: order.total_cents, provider_ref: null, recorded_by: principal.userId }));
    await settlePayment(work, deps, order, { ...payment, recorded_by: principal.userId }, { actorId: principal.userId });
  });
}
