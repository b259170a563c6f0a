import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn, type TestUser } from '../../test-support/builders.js';
import { chargeSucceeded, sessionCompleted, signEvent, startFakeStripe } from '../../test-support/fake-stripe.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { anAddress, putCommerceInForce } from '../orders/orders-test-support.js';
import { DAY, licenceKey, moveClock, licensedPlan, subscription, validateKey } from './subscriptions-test-support.js';

let app: TestApp;
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let admin: TestUser;
let customer: TestUser;
let other: TestUser;

beforeAll(async () => {
  fake = await startFakeStripe();
  app = await createTestApp({ ...fake.env, MESHVAULT_TAX_RATE_PERCENT: '20' });
  await putCommerceInForce(app);
  admin = await signedIn(app, 'admin');
  customer = await signedIn(app, 'customer', 'ada@customer.test');
  other = await signedIn(app, 'customer', 'bob@customer.test');
}, 60_000);
afterAll(async () => {
  await app?.dispose();
  await fake?.close();
});

const renewals = () => app.services.subscriptions.runRenewals();
const mailKinds = async (to: string) => (await app.services.mail.list({ limit: 50, to })).map((m) => m.kind);
const deliver = (event: unknown) => {
  const signed = signEvent(event, { at: app.clock.now() });
  return app.http.inject({ method: 'POST', url: '/api/payments/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signed.header }, payload: signed.payload });
};

describe('subscriptions by bank transfer', () => {
  it('start on payment, renew with an invoice each period, hold the licence while unpaid, and end when cancelled', async () => {
    const bad = await admin.c.post('/api/subscription-plans', { code: 'bad', name: 'Bad', period: 'monthly', priceCents: 1000, currency: 'EUR' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('ISO 8601 duration');
    const planId = await licensedPlan(admin, { code: 'pro-monthly' });
    expect((await customer.c.get('/api/subscription-plans')).json<{ plans: Array<{ id: string }> }>().plans.map((p) => p.id)).toContain(planId);

    const res = await customer.c.post('/api/subscriptions', { planId, provider: 'bank_transfer', billingAddress: anAddress });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string; redirectUrl: null }>().id;
    expect((await customer.c.post('/api/subscriptions', { planId, provider: 'bank_transfer', billingAddress: anAddress })).statusCode).toBe(409);
    let sub = await subscription(customer, id);
    expect(sub).toMatchObject({ status: 'incomplete', licenceId: null, amountDue: { amountCents: 1200, currency: 'EUR', provider: 'bank_transfer', bankReference: sub.number } });
    // Another customer sees nothing of it; only admins record transfers.
    expect((await other.c.get(`/api/subscriptions/${id}`)).statusCode).toBe(404);
    expect((await customer.c.post(`/api/subscriptions/${id}/payments/bank-transfer`)).statusCode).toBe(403);

    const paid = await admin.c.post(`/api/subscriptions/${id}/payments/bank-transfer`);
    expect(paid.statusCode, paid.body).toBe(200);
    sub = await subscription(customer, id);
    expect(sub.status).toBe('active');
    expect(sub.amountDue).toBeNull();
    const key = await licenceKey(app, sub.licenceId!);
    expect(await validateKey(app, key)).toBe('VALID');
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('subscriptions.started');
    // The invoice is orders' own, in the same gapless series, billing the subscription's number.
    const invoice = await app.db.selectFrom('invoices').selectAll().where('id', '=', paid.json<{ invoiceId: string }>().invoiceId).executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ order_id: null, reference: sub.number, total_cents: 1200, tax_cents: 200, customer_id: customer.id });
    const pdf = await customer.c.get(`/api/invoices/${invoice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await other.c.get(`/api/invoices/${invoice.id}/pdf`)).statusCode).toBe(404);
    const billing = (await customer.c.get('/api/billing')).json<{ invoices: Array<{ id: string; reference: string }> }>();
    expect(billing.invoices).toContainEqual(expect.objectContaining({ id: invoice.id, reference: sub.number }));

    // A week before the end: one reminder, however often the job runs.
    const end = new Date(sub.currentPeriodEnd!);
    await moveClock(app, new Date(end.getTime() - 6 * DAY), admin, customer, other);
    expect((await renewals()).reminded).toBe(1);
    expect((await renewals()).reminded).toBe(0);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('subscriptions.renewal_reminder');

    // The period ends unpaid: on hold, the licence suspended, the customer told when it would end.
    await moveClock(app, new Date(end.getTime() + 60_000), admin, customer, other);
    expect(await renewals()).toMatchObject({ pastDue: 1, renewed: 0 });
    expect((await renewals()).pastDue).toBe(0);
    sub = await subscription(customer, id);
    expect(sub.status).toBe('past_due');
    expect(new Date(sub.expiresAt!).getTime()).toBe(end.getTime() + 14 * DAY);
    expect(await validateKey(app, key)).toBe('SUSPENDED');
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('subscriptions.payment_failed');

    // Paid late: the second period starts where the first ended, with its own invoice; the licence is back.
    expect((await admin.c.post(`/api/subscriptions/${id}/payments/bank-transfer`)).statusCode).toBe(200);
    sub = await subscription(customer, id);
    expect(sub).toMatchObject({ status: 'active', currentPeriodStart: end.toISOString() });
    expect(sub.charges.map((c) => [c.period, c.status])).toEqual([
      [1, 'succeeded'],
      [2, 'succeeded'],
    ]);
    expect(await validateKey(app, key)).toBe('VALID');
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('subscriptions.renewed');
    // No gap in any fiscal year's series, orders' and subscriptions' invoices alike.
    const all = await app.db.selectFrom('invoices').select(['fiscal_year', 'sequence']).where('series', '=', 'invoice').orderBy('fiscal_year').orderBy('sequence').execute();
    for (const year of new Set(all.map((i) => i.fiscal_year))) {
      const seqs = all.filter((i) => i.fiscal_year === year).map((i) => i.sequence);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(await app.db.selectFrom('invoices').select('id').where('reference', '=', sub.number).execute()).toHaveLength(2);

    // Cancelled: it runs to the period's end, then ends with its licence.
    const cancel = await customer.c.post(`/api/subscriptions/${id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json<{ endsAt: string }>().endsAt).toBe(sub.currentPeriodEnd);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('subscriptions.cancel_scheduled');
    await moveClock(app, new Date(new Date(sub.currentPeriodEnd!).getTime() - 3 * DAY), admin, customer, other);
    expect((await renewals()).reminded).toBe(0);
    expect(await validateKey(app, key)).toBe('VALID');
    await moveClock(app, new Date(new Date(sub.currentPeriodEnd!).getTime() + 1000), admin, customer, other);
    expect((await renewals()).canceled).toBe(1);
    expect((await subscription(customer, id)).status).toBe('canceled');
    expect(await validateKey(app, key)).toBe('EXPIRED');
    expect(await mailKinds(customer.email)).toContain('subscriptions.ended');
    expect((await customer.c.post(`/api/subscriptions/${id}/cancel`)).statusCode).toBe(409);
    // Every money change is in the audit trail.
    expect(await auditEntries(app, 'subscriptions.charge_settled')).toHaveLength(2);
    expect(await auditEntries(app, 'subscriptions.canceled', id)).toHaveLength(1);
  });
});

describe('subscriptions by card (Stripe)', () => {
  it('pay the first period on Stripe, renew off-session with the saved card, and expire when the card is declined', async () => {
    const planId = await licensedPlan(admin, { code: 'pro-card', period: 'P1Y', priceCents: 10_000 });
    const res = await other.c.post('/api/subscriptions', { planId, provider: 'stripe', billingAddress: anAddress });
    expect(res.statusCode, res.body).toBe(201);
    const { id, redirectUrl } = res.json<{ id: string; redirectUrl: string }>();
    const session = fake.lastSession();
    expect(redirectUrl).toBe(`${fake.url}/pay/${session.id}`);
    expect(fake.requests.at(-1)!.form).toMatchObject({ 'payment_intent_data[setup_future_usage]': 'off_session', 'line_items[0][price_data][unit_amount]': '12000' });

    const completed = sessionCompleted(session);
    expect((await deliver(completed)).json()).toMatchObject({ duplicate: false, outcome: 'subscription_settled' });
    expect((await deliver(completed)).json()).toMatchObject({ duplicate: true });
    expect((await deliver(chargeSucceeded(session, { brand: 'visa', last4: '4242' }))).json()).toMatchObject({ outcome: 'subscription_card_saved' });
    let sub = await subscription(other, id);
    expect(sub).toMatchObject({ status: 'active', cardSaved: true });
    expect(sub.charges).toHaveLength(1);
    const key = await licenceKey(app, sub.licenceId!);

    // A year on: charged off-session, invoiced, still valid.
    await moveClock(app, new Date(new Date(sub.currentPeriodEnd!).getTime() + 1000), admin, customer, other);
    expect(await renewals()).toMatchObject({ renewed: 1, pastDue: 0 });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/payment_intents', form: { amount: '12000', currency: 'eur', off_session: 'true', confirm: 'true' } });
    expect(fake.requests.at(-1)!.idempotencyKey).toBe(`renewal-${id}-2`);
    sub = await subscription(other, id);
    expect(sub.charges.map((c) => c.status)).toEqual(['succeeded', 'succeeded']);
    expect(sub.charges.every((c) => c.invoiceId !== null)).toBe(true);
    expect(await validateKey(app, key)).toBe('VALID');

    // The card is declined next year: past due, then, 14 days on, expired with its licence.
    const method = (await app.db.selectFrom('subscriptions').select('payment_method_ref').where('id', '=', id).executeTakeFirstOrThrow()).payment_method_ref!;
    fake.decline(method);
    const end = new Date(sub.currentPeriodEnd!);
    await moveClock(app, new Date(end.getTime() + 1000), admin, customer, other);
    expect(await renewals()).toMatchObject({ renewed: 0, pastDue: 1 });
    expect(await validateKey(app, key)).toBe('SUSPENDED');
    await moveClock(app, new Date(end.getTime() + 13 * DAY), admin, customer, other);
    expect((await renewals()).expired).toBe(0);
    await moveClock(app, new Date(end.getTime() + 14 * DAY + 1000), admin, customer, other);
    expect((await renewals()).expired).toBe(1);
    sub = await subscription(other, id);
    expect(sub.status).toBe('expired');
    expect(sub.charges.map((c) => c.status)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(await validateKey(app, key)).toBe('EXPIRED');
    expect(await mailKinds(other.email)).toEqual(expect.arrayContaining(['subscriptions.started', 'subscriptions.renewed', 'subscriptions.payment_failed', 'subscriptions.ended']));
  });
});
