import { AppError } from '../errors/index.js';

/**
 * The few calls of Stripe's REST API Meshvault makes: form-encoded POSTs with the secret key as a
 * Bearer token. It knows nothing of orders or people; the caller passes only what egress released.
 */
export type StripeClient = {
  createCheckoutSession(input: CheckoutSessionInput): Promise<{ id: string; url: string }>;
  createRefund(input: { paymentIntent: string; amountCents: number; idempotencyKey: string }): Promise<{ id: string; status: string }>;
  /** Charges a saved payment method without the customer present (a subscription's renewal), confirmed at once. */
  chargeSavedMethod(input: OffSessionChargeInput): Promise<{ id: string; status: string }>;
};

export type OffSessionChargeInput = {
  amountCents: number;
  currency: string;
  /** The provider's payment method token saved at the first payment. */
  paymentMethod: string;
  description: string;
  idempotencyKey: string;
};

export type CheckoutSessionInput = {
  amountCents: number;
  currency: string;
  /** What the customer sees on Stripe's page (an order number, never a person's data). */
  description: string;
  clientReferenceId: string;
  customerEmail?: string | undefined;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
  /** Keep the card for later charges without the customer present (subscriptions). */
  saveForRenewals?: boolean;
};

export type StripeClientOptions = {
  secretKey: string;
  apiUrl: string;
  /** Kept short: on the embedded database the calling unit of work holds the one connection meanwhile. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export function createStripeClient(opts: StripeClientOptions): StripeClient {
  const doFetch = opts.fetch ?? fetch;
  const post = async (path: string, form: Record<string, string>, idempotencyKey: string, how: { acceptDeclined?: boolean } = {}): Promise<Record<string, unknown>> => {
    let res: Response;
    try {
      res = await doFetch(`${opts.apiUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${opts.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': idempotencyKey,
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch {
      throw new AppError('unavailable', 'The payment provider could not be reached. Try again in a minute.', { provider: 'stripe' });
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 402 && how.acceptDeclined) return body;
    if (!res.ok) {
      const error = body.error as { message?: unknown } | undefined;
      throw new AppError('unavailable', 'The payment provider refused the request. Try again, or pay by bank transfer.', {
        provider: 'stripe',
        status: res.status,
        providerMessage: typeof error?.message === 'string' ? error.message : null,
      });
    }
    return body;
  };
  return {
    async createCheckoutSession(input) {
      const body = await post(
        '/v1/checkout/sessions',
        {
          mode: 'payment',
          'line_items[0][quantity]': '1',
          'line_items[0][price_data][currency]': input.currency.toLowerCase(),
          'line_items[0][price_data][unit_amount]': String(input.amountCents),
          'line_items[0][price_data][product_data][name]': input.description,
          client_reference_id: input.clientReferenceId,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
          ...(input.saveForRenewals ? { 'payment_intent_data[setup_future_usage]': 'off_session' } : {}),
        },
        input.idempotencyKey,
      );
      if (typeof body.id !== 'string' || typeof body.url !== 'string') throw new AppError('unavailable', 'The payment provider answered without a checkout page.', { provider: 'stripe' });
      return { id: body.id, url: body.url };
    },
    async createRefund(input) {
      const body = await post('/v1/refunds', { payment_intent: input.paymentIntent, amount: String(input.amountCents) }, input.idempotencyKey);
      if (typeof body.id !== 'string') throw new AppError('unavailable', 'The payment provider answered without a refund.', { provider: 'stripe' });
      return { id: body.id, status: typeof body.status === 'string' ? body.status : 'pending' };
    },
    async chargeSavedMethod(input) {
      // A declined card is an answer, not an outage: Stripe answers 402 with the intent in the error.
      const body = await post(
        '/v1/payment_intents',
        { amount: String(input.amountCents), currency: input.currency.toLowerCase(), payment_method: input.paymentMethod, confirm: 'true', off_session: 'true', description: input.description },
        input.idempotencyKey,
        { acceptDeclined: true },
      );
      const intent = (body.error as { payment_intent?: Record<string, unknown> } | undefined)?.payment_intent ?? body;
      if (typeof intent.id !== 'string') throw new AppError('unavailable', 'The payment provider answered without a payment.', { provider: 'stripe' });
      return { id: intent.id, status: typeof intent.status === 'string' ? intent.status : 'requires_payment_method' };
    },
  };
}
