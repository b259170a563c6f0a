import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { signStripePayload } from '../platform/payments/index.js';

export type FakeStripeRequest = { path: string; authorization: string | undefined; idempotencyKey: string | undefined; form: Record<string, string> };
export type FakeSession = { id: string; amountTotal: number; currency: string; successUrl: string; cancelUrl: string; paymentIntent: string; clientReferenceId: string; savesCard: boolean };

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_fake';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_fakeEndpointSecret';

/**
 * A local stand-in for the few Stripe endpoints Meshvault calls (Checkout Sessions, Refunds), keeping
 * what it was sent, and for Stripe's side of the webhook: events signed as Stripe signs them. Its
 * checkout page (`/pay/<session>`) has a Pay button that delivers `checkout.session.completed` to
 * the app and returns to the success URL, as a customer paying on Stripe would (`appOrigin`: on the
 * origin the test's browser uses).
 */
export async function startFakeStripe(opts: { webhookUrl?: () => string; appOrigin?: () => string } = {}) {
  const requests: FakeStripeRequest[] = [];
  const sessions = new Map<string, FakeSession>();
  const declining = new Set<string>();
  let base = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', base);
      if (req.method === 'POST' && url.pathname.startsWith('/v1/')) {
        const form = Object.fromEntries(new URLSearchParams(body));
        requests.push({ path: url.pathname, authorization: req.headers.authorization, idempotencyKey: req.headers['idempotency-key'] as string | undefined, form });
        if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) return json(res, 401, { error: { message: 'Invalid API Key provided' } });
        if (url.pathname === '/v1/checkout/sessions') {
          const id = `cs_test_${randomBytes(8).toString('hex')}`;
          sessions.set(id, {
            id,
            amountTotal: Number(form['line_items[0][price_data][unit_amount]']),
            currency: form['line_items[0][price_data][currency]'] ?? '',
            successUrl: form.success_url ?? '',
            cancelUrl: form.cancel_url ?? '',
            paymentIntent: `pi_test_${randomBytes(8).toString('hex')}`,
            clientReferenceId: form.client_reference_id ?? '',
            savesCard: form['payment_intent_data[setup_future_usage]'] === 'off_session',
          });
          return json(res, 200, { id, object: 'checkout.session', url: `${base}/pay/${id}` });
        }
        if (url.pathname === '/v1/payment_intents') {
          // Off-session charges of a saved card: declined (402, as Stripe answers) when the test says so.
          const id = `pi_test_${randomBytes(8).toString('hex')}`;
          const method = form.payment_method ?? '';
          if (declining.has(method)) return json(res, 402, { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.', payment_intent: { id, object: 'payment_intent', status: 'requires_payment_method' } } });
          return json(res, 200, { id, object: 'payment_intent', status: 'succeeded', amount: Number(form.amount), currency: form.currency, payment_method: method });
        }
        if (url.pathname === '/v1/refunds') return json(res, 200, { id: `re_test_${randomBytes(8).toString('hex')}`, object: 'refund', status: 'succeeded' });
        return json(res, 404, { error: { message: 'Unrecognized request URL' } });
      }
      const pay = /^\/pay\/(cs_test_[0-9a-f]+)$/.exec(url.pathname);
      const session = pay ? sessions.get(pay[1]!) : undefined;
      if (req.method === 'GET' && session) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><title>Fake Stripe Checkout</title><main><h1>Fake Stripe Checkout</h1><p>Pay ${(session.amountTotal / 100).toFixed(2)} ${session.currency.toUpperCase()} for ${session.clientReferenceId}</p><form method="post"><button>Pay</button></form></main>`);
      }
      if (req.method === 'POST' && session && opts.webhookUrl) {
        const events = [sessionCompleted(session), ...(session.savesCard ? [chargeSucceeded(session, { brand: 'visa', last4: '4242' })] : [])];
        for (const event of events) {
          const signed = signEvent(event);
          await fetch(opts.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signed.header }, body: signed.payload });
        }
        // The app's public URL in tests has no real port; return to the origin the browser uses.
        const back = new URL(session.successUrl);
        const origin = opts.appOrigin?.();
        res.writeHead(303, { location: origin ? `${origin}${back.pathname}${back.search}` : session.successUrl });
        return res.end();
      }
      json(res, 404, { error: { message: 'not found' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake Stripe has no address');
  base = `http://127.0.0.1:${address.port}`;
  return {
    url: base,
    requests,
    sessions,
    env: { MESHVAULT_STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY, MESHVAULT_STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET, MESHVAULT_STRIPE_API_URL: base },
    /** From now on, off-session charges of this payment method are declined (or accepted again). */
    decline(paymentMethod: string, declined = true) {
      if (declined) declining.add(paymentMethod);
      else declining.delete(paymentMethod);
    },
    lastSession(): FakeSession {
      const all = [...sessions.values()];
      if (all.length === 0) throw new Error('no checkout session was created');
      return all[all.length - 1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sessionCompleted(session: FakeSession, id = `evt_${randomBytes(8).toString('hex')}`) {
  return {
    id,
    object: 'event',
    type: 'checkout.session.completed',
    data: { object: { id: session.id, object: 'checkout.session', payment_status: 'paid', amount_total: session.amountTotal, currency: session.currency, payment_intent: session.paymentIntent, client_reference_id: session.clientReferenceId } },
  };
}

export function chargeSucceeded(session: FakeSession, card: { brand: string; last4: string }, id = `evt_${randomBytes(8).toString('hex')}`) {
  return {
    id,
    object: 'event',
    type: 'charge.succeeded',
    data: { object: { id: `ch_${randomBytes(6).toString('hex')}`, object: 'charge', payment_intent: session.paymentIntent, payment_method: `pm_${randomBytes(6).toString('hex')}`, payment_method_details: { type: 'card', card: { brand: card.brand, last4: card.last4 } } } },
  };
}

/** The body and Stripe-Signature header Stripe would send for `event`, signed at `at` (default now). */
export function signEvent(event: unknown, opts: { at?: Date; secret?: string } = {}) {
  const payload = JSON.stringify(event);
  const t = Math.floor((opts.at ?? new Date()).getTime() / 1000);
  return { payload, header: signStripePayload(opts.secret ?? FAKE_STRIPE_WEBHOOK_SECRET, payload, t) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
