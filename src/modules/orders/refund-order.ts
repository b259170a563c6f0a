import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { notifyCustomer } from '../projects/index.js';
import { issueInvoice } from './issue-invoice.js';
import { requireOrderAccess } from './order-access.js';
import { refundRefusal } from './order-rules.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import { formatMoney, orderLink, ordersMails } from './orders.mails.js';
import { publishOrderEvent } from './publish-order-event.js';
import * as store from './orders.store.js';
import * as invoices from './invoices.store.js';
import * as payments from './payments.store.js';
import type { OrdersTables } from './orders.tables.js';
import { newPayment, PROVIDER_WORDS } from './settle-payment.js';

/**
 * Staff refund a paid order in full: a card payment is refunded through Stripe (only the payment's id and
 * the amount go, through egress), a bank transfer is recorded as paid back; the order becomes refunded
 * and a credit note for its invoice is issued, numbered in its own gapless series.
 */
export async function refundOrder(deps: OrdersDeps, principal: Principal, orderId: string, input: { reason: string }, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { order, as } = await requireOrderAccess(work, principal, orderId, { lock: true });
    const refusal = refundRefusal(as, order.status);
    if (refusal) throw refusal;
    const paid = (await payments.listPayments(db, order.id)).find((p) => p.kind === 'payment' && p.status === 'succeeded');
    if (!paid) throw ordersErrors.noPaymentToRefund();
    const invoice = (await invoices.listInvoicesOfOrder(db, order.id)).find((i) => i.series === 'invoice');
    if (!invoice) throw ordersErrors.noPaymentToRefund();
    const now = deps.now();
    let refundRef: string | null = null;
    if (paid.provider === 'stripe') {
      if (!deps.stripe) throw ordersErrors.providerNotConfigured('stripe');
      const out = await deps.egress.handOver(work, {
        recipient: deps.paymentRecipient,
        processing: 'service',
        subjectId: order.customer_id,
        data: {
          paymentRef: { category: 'billing.transaction', value: paid.provider_payment_ref },
          amountCents: { category: 'billing.transaction', value: paid.amount_cents },
        },
        reference: order.id,
        audit: { action: 'payments.handed_to_provider', details: { orderId: order.id, provider: 'stripe', refund: true } },
      });
      const released = out.data as { paymentRef: string | null; amountCents: number };
      if (!released.paymentRef) throw ordersErrors.noPaymentToRefund();
      const refund = await deps.stripe.client.createRefund({ paymentIntent: released.paymentRef, amountCents: released.amountCents, idempotencyKey: `refund-${paid.id}` });
      refundRef = refund.id;
    }
    const refund = await newPayment(work, deps, order, { provider: paid.provider, kind: 'refund', status: 'succeeded', amount_cents: paid.amount_cents, provider_ref: refundRef, recorded_by: principal.userId, settled_at: now });
    await store.updateOrder(db, order.id, { status: 'refunded', completed_at: now, updated_at: now });
    await store.insertOrderEvent(db, { id: randomUUID(), order_id: order.id, customer_id: order.customer_id, from_status: order.status, to_status: 'refunded', actor_id: principal.userId, note: input.reason, at: now });
    await publishOrderEvent(work, db, order.id, 'order.status_changed');
    await work.audit({
      action: 'payments.refunded',
      subjectId: order.customer_id,
      target: { type: 'payment', id: refund.id },
      details: { orderId: order.id, provider: paid.provider, amountCents: paid.amount_cents, currency: paid.currency },
    });
    const credit = await issueInvoice(work, deps, order, { series: 'credit_note', credits: invoice, reason: input.reason, paidWith: PROVIDER_WORDS[paid.provider] });
    const amount = formatMoney(paid.amount_cents, paid.currency);
    await notifyCustomer(work, deps, { id: order.project_id, customer_id: order.customer_id }, (name) => ordersMails.refunded(name, order.number, amount, credit.number, orderLink(deps.publicUrl, order.id)));
  });
}
