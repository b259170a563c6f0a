import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { chargeSucceeded, sessionCompleted, signEvent, startFakeStripe } from '../../test-support/fake-stripe.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { acceptedQuote, placeOrder, putCommerceInForce } from './orders-test-support.js';

let app: TestApp;
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let customer: TestUser;
let staff: TestUser;

beforeAll(async () => {
  fake = await startFakeStripe();
  app = await createTestApp(fake.env);
  await app.startJobs();
  await putCommerceInForce(app);
  customer = await signedIn(app, 'customer', 'grace@customer.test');
  staff = await signedIn(app, 'staff', 'sam@operator.test');
}, 60_000);
afterAll(async () => {
  await app?.dispose();
  await fake?.close();
});

async function deliver(signed: { payload: string; header: string }) {
  return app.http.inject({ method: 'POST', url: '/api/payments/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signed.header }, payload: signed.payload });
}

async function state(orderId: string) {
  const order = await app.db.selectFrom('orders').select(['status']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const payments = await app.db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();
  const invoices = await app.db.selectFrom('invoices').select(['number']).where('order_id', '=', orderId).execute();
  return { status: order.status, payments, invoices };
}

describe('Stripe Checkout', () => {
  it('sends the customer to Stripe with only what egress released, and applies a signed notice exactly once', async () => {
    const { quoteId } = await acceptedQuote(app, customer, staff);
    const orderId = await placeOrder(customer, quoteId);
    const res = await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'stripe' });
    expect(res.statusCode, res.body).toBe(200);
    const session = fake.lastSession();
    expect(res.json<{ redirectUrl: string }>().redirectUrl).toBe(`${fake.url}/pay/${session.id}`);
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe('/v1/checkout/sessions');
    expect(sent.authorization).toBe(`Bearer ${fake.env.MESHVAULT_STRIPE_SECRET_KEY}`);
    expect(sent.form).toMatchObject({ mode: 'payment', 'line_items[0][price_data][unit_amount]': '5595', 'line_items[0][price_data][currency]': 'eur', customer_email: customer.email });
    // Nothing of the order but its number and amount: no name, no address, no card.
    expect(Object.values(sent.form).join(' ')).not.toMatch(/Ada Lovelace|Marylebone/);
    const disclosure = await app.db.selectFrom('disclosures').selectAll().where('reference', '=', orderId).executeTakeFirstOrThrow();
    expect(disclosure).toMatchObject({ recipient: 'Payment processor', subject_id: customer.id });
    expect([...disclosure.categories].sort()).toEqual(['billing.transaction', 'contact.email']);

    const event = sessionCompleted(session);
    // Forged (another secret), replayed too late, or unsigned: refused, and nothing changes.
    const forged = await deliver(signEvent(event, { secret: 'whsec_someoneElse', at: app.clock.now() }));
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ detail: string }>().detail).toContain('does not match');
    const stale = await deliver(signEvent(event, { at: new Date(app.clock.now().getTime() - 301_000) }));
    expect(stale.statusCode).toBe(400);
    expect(stale.json<{ detail: string }>().detail).toContain('too old');
    const tampered = signEvent(event, { at: app.clock.now() });
    expect((await deliver({ payload: tampered.payload.replace('5595', '1'), header: tampered.header })).statusCode).toBe(400);
    expect((await app.http.inject({ method: 'POST', url: '/api/payments/stripe/webhook', headers: { 'content-type': 'application/json' }, payload: tampered.payload })).statusCode).toBe(400);
    expect(await state(orderId)).toMatchObject({ status: 'pending_payment', invoices: [] });
    expect(await app.db.selectFrom('payment_provider_events').select('event_id').execute()).toEqual([]);

    const signed = signEvent(event, { at: app.clock.now() });
    const first = await deliver(signed);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false, outcome: 'settled' });
    const again = await deliver(signed);
    expect(again.json()).toEqual({ received: true, duplicate: true, outcome: 'duplicate' });
    const paid = await state(orderId);
    expect(paid.status).toBe('paid');
    expect(paid.invoices).toHaveLength(1);
    expect(paid.payments).toEqual([expect.objectContaining({ provider: 'stripe', status: 'succeeded', provider_ref: session.id, provider_payment_ref: session.paymentIntent })]);

    // The card: brand and last four digits from the charge, nothing more.
    expect((await deliver(signEvent(chargeSucceeded(session, { brand: 'visa', last4: '4242' }), { at: app.clock.now() }))).statusCode).toBe(200);
    const detail = (await customer.c.get(`/api/orders/${orderId}`)).json<{ payments: Array<{ cardBrand: string; cardLast4: string }> }>();
    expect(detail.payments[0]).toMatchObject({ cardBrand: 'visa', cardLast4: '4242' });

    // A refund goes through Stripe with the payment's id; the credit note follows.
    expect((await staff.c.post(`/api/orders/${orderId}/refund`, { reason: 'Customer returned the parts.' })).statusCode).toBe(200);
    const refund = fake.requests.at(-1)!;
    expect(refund).toMatchObject({ path: '/v1/refunds', form: { payment_intent: session.paymentIntent, amount: '5595' } });
    const after = await state(orderId);
    expect(after.status).toBe('refunded');
    expect(after.invoices).toHaveLength(2);
  });

  it('refuses to hand anything to a payment provider the policy does not name', async () => {
    await putCommerceInForce(app, { recipientCategories: ['billing.invoice'] });
    const { quoteId } = await acceptedQuote(app, customer, staff, 'Undeclared');
    const orderId = await placeOrder(customer, quoteId);
    const before = fake.requests.length;
    const res = await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'stripe' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(fake.requests.length).toBe(before);
    expect((await state(orderId)).payments).toEqual([]);
    await putCommerceInForce(app);
  });
});
