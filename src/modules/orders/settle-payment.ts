import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { notifyCustomer } from '../projects/index.js';
import { issueInvoice } from './issue-invoice.js';
import type { OrdersDeps } from './orders.deps.js';
import { formatMoney, orderLink, ordersMails } from './orders.mails.js';
import { publishOrderEvent } from './publish-order-event.js';
import * as store from './orders.store.js';
import * as payments from './payments.store.js';
import type { OrderRow, OrdersTables, PaymentRow } from './orders.tables.js';

type SettleDeps = Pick<OrdersDeps, 'now' | 'policy' | 'fileVault' | 'taxRatePercent' | 'publicUrl'>;

const PROVIDER_WORDS = { bank_transfer: 'bank transfer', stripe: 'card (Stripe)' } as const;

/**
 * A payment settled (a provider's notice, or staff recording a bank transfer): the payment succeeds, the
 * order becomes paid, its invoice is issued and the customer is told, all in one work. `actorId` is who
 * recorded it (null for the provider's notice).
 */
export async function settlePayment(work: Work, deps: SettleDeps, order: OrderRow, payment: PaymentRow, opts: { actorId: string | null; providerPaymentRef?: string | null }) {
  const db = tablesOf<OrdersTables>(work);
  const now = deps.now();
  await payments.updatePayment(db, payment.id, { status: 'succeeded', settled_at: now, ...(opts.providerPaymentRef ? { provider_payment_ref: opts.providerPaymentRef } : {}) });
  await store.updateOrder(db, order.id, { status: 'paid', paid_at: now, payment_method: payment.provider, updated_at: now });
  await store.insertOrderEvent(db, { id: randomUUID(), order_id: order.id, customer_id: order.customer_id, from_status: order.status, to_status: 'paid', actor_id: opts.actorId, note: null, at: now });
  await publishOrderEvent(work, db, order.id, 'order.status_changed');
  await work.audit({
    action: 'payments.settled',
    subjectId: order.customer_id,
    target: { type: 'payment', id: payment.id },
    details: { orderId: order.id, provider: payment.provider, amountCents: payment.amount_cents, currency: payment.currency },
  });
  const paid = { ...order, status: 'paid' as const, paid_at: now, payment_method: payment.provider };
  const invoice = await issueInvoice(work, deps, paid, { series: 'invoice', paidWith: PROVIDER_WORDS[payment.provider] });
  const total = formatMoney(order.total_cents, order.currency);
  await notifyCustomer(work, deps, { id: order.project_id, customer_id: order.customer_id }, (name) => ordersMails.paid(name, order.number, total, invoice.number, orderLink(deps.publicUrl, order.id)));
  return invoice;
}

export async function newPayment(work: Work, deps: Pick<OrdersDeps, 'now'>, order: OrderRow, fields: Pick<PaymentRow, 'provider' | 'kind' | 'status' | 'amount_cents' | 'provider_ref' | 'recorded_by'> & Partial<Pick<PaymentRow, 'provider_payment_ref' | 'settled_at'>>) {
  const row: PaymentRow = {
    id: randomUUID(),
    order_id: order.id,
    customer_id: order.customer_id,
    currency: order.currency,
    provider_payment_ref: null,
    payment_method_ref: null,
    card_brand: null,
    card_last4: null,
    created_at: deps.now(),
    settled_at: null,
    ...fields,
  };
  await payments.insertPayment(tablesOf<OrdersTables>(work), row);
  return row;
}

export { PROVIDER_WORDS };
