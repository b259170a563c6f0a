import type { RequestContext } from '../../platform/http/index.js';
import { verifyStripeSignature } from '../../platform/payments/index.js';
import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import * as store from './orders.store.js';
import * as payments from './payments.store.js';
import type { OrdersTables } from './orders.tables.js';
import { ordersData } from './personal-data.js';
import { settlePayment } from './settle-payment.js';

type StripeEvent = { id: string; type: string; data: { object: Record<string, unknown> } };

/**
 * A notice from Stripe. Its signature is checked first (HMAC of the raw body under the endpoint secret,
 * within the tolerance): a forged or replayed-too-late notice is refused and changes nothing. Each event
 * id is recorded in the same work that applies it, so a notice Stripe delivers twice is applied once.
 */
export async function receiveStripeEvent(deps: OrdersDeps, input: { payload: string; signature: string | undefined }, ctx: RequestContext) {
  if (!deps.stripe) throw ordersErrors.webhookNotConfigured();
  const check = verifyStripeSignature({ secret: deps.stripe.webhookSecret, payload: input.payload, header: input.signature, now: deps.now() });
  if (!check.ok) throw ordersErrors.webhookRefused(check.reason);
  const event = parseEvent(input.payload);
  return deps.uow.run({ actor: SYSTEM_ACTOR, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const outcome = await applyEvent(work, deps, event);
    const fresh = await payments.recordProviderEvent(db, { provider: 'stripe', event_id: event.id, type: event.type, received_at: deps.now(), outcome });
    // Recorded first by a delivery that committed before us: this one is the duplicate; undo what it did.
    if (!fresh) throw new DuplicateEvent();
    return { received: true as const, duplicate: false, outcome };
  }).catch((error: unknown) => {
    if (error instanceof DuplicateEvent) return { received: true as const, duplicate: true, outcome: 'duplicate' };
    throw error;
  });
}

class DuplicateEvent extends Error {}

function parseEvent(payload: string): StripeEvent {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    throw ordersErrors.badWebhookBody();
  }
  const e = body as Partial<StripeEvent> | null;
  if (!e || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.data?.object !== 'object' || e.data.object === null) throw ordersErrors.badWebhookBody();
  return e as StripeEvent;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

async function applyEvent(work: Work, deps: OrdersDeps, event: StripeEvent): Promise<string> {
  const db = tablesOf<OrdersTables>(work);
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const sessionId = str(object.id);
      const payment = sessionId ? await payments.findPaymentByRef(db, 'stripe', sessionId, { lock: true }) : undefined;
      if (!payment) return (await deps.otherStripeEvents?.(work, event)) ?? 'unknown_session';
      if (object.payment_status !== 'paid') return 'not_paid_yet';
      if (payment.status !== 'pending') return 'already_settled';
      if (object.amount_total !== payment.amount_cents || str(object.currency)?.toUpperCase() !== payment.currency) return 'amount_mismatch';
      const order = await store.findOrder(db, payment.order_id, { lock: true });
      if (!order || order.status !== 'pending_payment') return 'order_not_payable';
      await settlePayment(work, deps, order, payment, { actorId: null, providerPaymentRef: str(object.payment_intent) });
      return 'settled';
    }
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const sessionId = str(object.id);
      const payment = sessionId ? await payments.findPaymentByRef(db, 'stripe', sessionId, { lock: true }) : undefined;
      if (!payment || payment.status !== 'pending') return 'ignored';
      await payments.updatePayment(db, payment.id, { status: 'failed', settled_at: deps.now() });
      await work.audit({ action: 'payments.failed', subjectId: payment.customer_id, target: { type: 'payment', id: payment.id }, details: { orderId: payment.order_id, provider: 'stripe', event: event.type } });
      return 'failed';
    }
    case 'charge.succeeded': {
      // The card's brand and last four digits, which Stripe sends with the charge; never more.
      const intent = str(object.payment_intent);
      const payment = intent ? await payments.findPaymentByPaymentRef(db, 'stripe', intent) : undefined;
      if (!payment) return (await deps.otherStripeEvents?.(work, event)) ?? 'unknown_payment';
      const card = ((object.payment_method_details as Record<string, unknown> | undefined)?.card ?? {}) as Record<string, unknown>;
      const { values } = await deps.policy.inWork(work);
      if (!values.isDeclared(ordersData.payments.columns.card_last4.category)) return 'instrument_not_declared';
      const brand = str(card.brand);
      const last4 = str(card.last4);
      await payments.updatePayment(db, payment.id, {
        card_brand: brand && /^[a-z_]{1,20}$/.test(brand) ? brand : null,
        card_last4: last4 && /^\d{4}$/.test(last4) ? last4 : null,
        payment_method_ref: str(object.payment_method),
      });
      await work.audit({ action: 'payments.instrument_recorded', subjectId: payment.customer_id, target: { type: 'payment', id: payment.id }, details: { orderId: payment.order_id } });
      return 'instrument_recorded';
    }
    default:
      return 'ignored';
  }
}
