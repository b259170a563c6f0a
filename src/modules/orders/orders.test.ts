import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrappedKeyMasterId } from '../../platform/crypto/index.js';
import { addPrimaryKeyToFile } from '../../platform/crypto/master-key-file.js';
import { auditEntries, signedIn, type TestUser } from '../../test-support/builders.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { fiscalYearOf } from './fiscal-year.js';
import { acceptedQuote, anAddress, placeOrder, putCommerceInForce } from './orders-test-support.js';

let app: TestApp;
let customer: TestUser;
let staff: TestUser;
let outsider: TestUser;

type Detail = {
  order: { id: string; number: string; status: string; netCents: number; taxCents: number; totalCents: number; currency: string; lines: Array<{ lineCents: number }>; allowedMoves: string[]; canPay: boolean; canRecordPayment: boolean; canRefund: boolean; carrier: string | null; trackingUrl: string | null };
  invoices: Array<{ id: string; number: string; kind: string; totalCents: number; downloadUrl: string }>;
  payments: Array<{ kind: string; provider: string; status: string; amountCents: number }>;
  events: Array<{ from: string | null; to: string }>;
  bankTransfer: { reference: string; amountCents: number } | null;
};

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_TAX_RATE_PERCENT: '20' });
  await app.startJobs();
  customer = await signedIn(app, 'customer', 'ada@customer.test');
  staff = await signedIn(app, 'staff', 'sam@operator.test');
  outsider = await signedIn(app, 'staff', 'olga@operator.test');
}, 60_000);
afterAll(async () => app?.dispose());

async function detail(user: TestUser, orderId: string) {
  const res = await user.c.get(`/api/orders/${orderId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

describe('orders', () => {
  it('are off while the policy does not declare what they collect', async () => {
    await putPolicyInForce(app, defaultWithout('order.details', 'order.shipping'));
    const { quoteId } = await acceptedQuote(app, customer, staff, 'Before orders');
    const res = await customer.c.post(`/api/quotes/${quoteId}/order`, { billingAddress: anAddress });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('feature_off');
    await putCommerceInForce(app);
    expect((await customer.c.post(`/api/quotes/${quoteId}/order`, { billingAddress: anAddress })).statusCode).toBe(201);
  });

  it('go from an accepted quote through bank transfer, invoice, shipping and delivery, with the three e-mails', async () => {
    const { quoteId, projectId } = await acceptedQuote(app, customer, staff);
    // Only the customer orders, once, with a usable address.
    expect((await staff.c.post(`/api/quotes/${quoteId}/order`, { billingAddress: anAddress })).statusCode).toBe(403);
    const bad = await customer.c.post(`/api/quotes/${quoteId}/order`, { billingAddress: { ...anAddress, country: 'Britain' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('two-letter country code');
    const orderId = await placeOrder(customer, quoteId, { billingAddress: anAddress, shippingAddress: { ...anAddress, line1: '1 Dock Street' }, notes: 'Leave at the back door.' });
    expect((await customer.c.post(`/api/quotes/${quoteId}/order`, { billingAddress: anAddress })).statusCode).toBe(409);

    const confirmation = await latestMailTo(app, customer.email);
    expect(confirmation.message.kind).toBe('orders.confirmation');
    expect(confirmation.message.body_text).toContain('1 Dock Street');
    const placed = await detail(customer, orderId);
    // 5,595 c accepted, 20 % tax on top; the lines add up to the accepted price.
    expect(placed.order).toMatchObject({ status: 'pending_payment', netCents: 5595, taxCents: 1119, totalCents: 6714, currency: 'EUR', canPay: true, canRecordPayment: false, allowedMoves: ['cancelled'] });
    expect(placed.order.lines.reduce((s, l) => s + l.lineCents, 0)).toBe(5595);
    const book = (await customer.c.get('/api/addresses')).json<{ addresses: Array<{ line1: string }> }>().addresses;
    expect(book.map((a) => a.line1).sort()).toEqual(['1 Dock Street', '12 Marylebone Road']);

    // Others: the outsider sees nothing, staff on the project can't pay, and moves before payment are refused.
    expect((await outsider.c.get(`/api/orders/${orderId}`)).statusCode).toBe(404);
    expect((await staff.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(403);
    const early = await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/1' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toContain('cannot become shipped');
    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'paid' })).statusCode).toBe(400);
    expect((await customer.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(403);

    const checkout = await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' });
    expect(checkout.statusCode, checkout.body).toBe(200);
    expect(checkout.json()).toEqual({ redirectUrl: null });
    expect((await detail(customer, orderId)).bankTransfer).toMatchObject({ reference: placed.order.number, amountCents: 6714 });
    const card = await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'stripe' });
    expect(card.statusCode).toBe(422);

    expect((await outsider.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(404);
    expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(200);
    expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(409);
    const paid = await detail(customer, orderId);
    expect(paid.order.status).toBe('paid');
    expect(paid.payments).toEqual([expect.objectContaining({ kind: 'payment', provider: 'bank_transfer', status: 'succeeded', amountCents: 6714 })]);
    const year = fiscalYearOf(app.clock.now(), { month: 12, day: 31 });
    expect(paid.invoices).toHaveLength(1);
    expect(paid.invoices[0]).toMatchObject({ kind: 'invoice', totalCents: 6714 });
    expect(paid.invoices[0]!.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    expect((await latestMailTo(app, customer.email)).message.body_text).toContain(paid.invoices[0]!.number);

    const pdf = await customer.c.get(paid.invoices[0]!.downloadUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await outsider.c.get(paid.invoices[0]!.downloadUrl)).statusCode).toBe(404);
    expect((await staff.c.get(paid.invoices[0]!.downloadUrl)).statusCode).toBe(200);
    expect((await auditEntries(app, 'orders.read_by_staff')).some((e) => e.subject_id === customer.id && (e.details as { what: string }).what === `invoice ${paid.invoices[0]!.number}`)).toBe(true);

    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'in_production' })).statusCode).toBe(200);
    const noTracking = await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped' });
    expect(noTracking.statusCode).toBe(422);
    expect(noTracking.json<{ detail: string }>().detail).toContain('tracking link');
    expect((await customer.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/1' })).statusCode).toBe(403);
    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/JD0123' })).statusCode).toBe(200);
    const shipped = await latestMailTo(app, customer.email);
    expect(shipped.message.kind).toBe('orders.shipped');
    expect(shipped.message.body_text).toContain('DHL');
    expect(shipped.message.body_text).toContain('https://dhl.example/track/JD0123');
    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'delivered' })).statusCode).toBe(200);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.delivered');
    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/1' })).statusCode).toBe(409);

    const done = await detail(customer, orderId);
    expect(done.events.map((e) => e.to)).toEqual(['pending_payment', 'paid', 'in_production', 'shipped', 'delivered']);
    expect(done.order).toMatchObject({ status: 'delivered', carrier: 'DHL', canRefund: false, allowedMoves: [] });
    expect((await detail(staff, orderId)).order).toMatchObject({ canRefund: true });
    // Every money change is audited, with the customer as subject.
    for (const action of ['orders.placed', 'payments.checkout_started', 'payments.settled', 'invoices.issued', 'orders.status_changed']) {
      expect((await auditEntries(app, action)).some((e) => e.subject_id === customer.id), action).toBe(true);
    }
    const listed = (await staff.c.get('/api/orders')).json<{ orders: Array<{ id: string }> }>().orders;
    expect(listed.map((o) => o.id)).toContain(orderId);
    expect((await outsider.c.get('/api/orders')).json<{ orders: unknown[] }>().orders).toEqual([]);
    const billing = (await customer.c.get('/api/billing')).json<{ invoices: Array<{ number: string }> }>();
    expect(billing.invoices.map((i) => i.number)).toContain(paid.invoices[0]!.number);
    expect(projectId).toBeTruthy();
  });

  it('numbers invoices without gaps, refunds with a credit note, and never edits an issued invoice', async () => {
    const { quoteId } = await acceptedQuote(app, customer, staff, 'Refunded');
    const orderId = await placeOrder(customer, quoteId);
    expect((await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(200);
    expect((await staff.c.post(`/api/orders/${orderId}/refund`, { reason: 'Not paid yet' })).statusCode).toBe(409);
    expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(200);
    expect((await customer.c.post(`/api/orders/${orderId}/refund`, { reason: 'I want my money' })).statusCode).toBe(403);
    expect((await staff.c.post(`/api/orders/${orderId}/refund`, {})).statusCode).toBe(400);
    expect((await staff.c.post(`/api/orders/${orderId}/refund`, { reason: 'Parts arrived cracked.' })).statusCode).toBe(200);
    const refunded = await detail(customer, orderId);
    expect(refunded.order.status).toBe('refunded');
    expect(refunded.invoices.map((i) => i.kind)).toEqual(['invoice', 'credit_note']);
    expect(refunded.invoices[1]!.number).toMatch(/^CN-\d{4}-000001$/);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.refunded');

    const all = await app.db.selectFrom('invoices').select(['series', 'fiscal_year', 'sequence']).where('series', '=', 'invoice').orderBy('sequence').execute();
    expect(all.map((r) => r.sequence)).toEqual(all.map((_, i) => i + 1));
    await expect(app.db.updateTable('invoices').set({ total_cents: 1 }).where('id', '=', refunded.invoices[0]!.id).execute()).rejects.toThrow(/immutable/);
  });

  it('lets the customer cancel an unpaid order, and nobody move a closed one', async () => {
    const { quoteId } = await acceptedQuote(app, customer, staff, 'Cancelled');
    const orderId = await placeOrder(customer, quoteId);
    expect((await customer.c.post(`/api/orders/${orderId}/status`, { status: 'in_production' })).statusCode).toBe(403);
    expect((await customer.c.post(`/api/orders/${orderId}/status`, { status: 'cancelled' })).statusCode).toBe(200);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.cancelled');
    expect((await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(409);
    expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'in_production' })).statusCode).toBe(409);
  });

  it('refuses a card number typed into any free-text field, and changes nothing', async () => {
    const { quoteId, projectId } = await acceptedQuote(app, customer, staff, 'Card numbers');
    const before = await app.db.selectFrom('orders').select('id').execute();
    for (const body of [
      { billingAddress: anAddress, notes: 'Please charge my card 4242 4242 4242 4242, exp 12/30' },
      { billingAddress: { ...anAddress, line2: '4000-0566-5566-5556' } },
      { billingAddress: anAddress, shippingAddress: { ...anAddress, name: '5555555555554444' } },
    ]) {
      const res = await customer.c.post(`/api/quotes/${quoteId}/order`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain('card number');
    }
    expect(await app.db.selectFrom('orders').select('id').execute()).toHaveLength(before.length);
    const message = await customer.c.post(`/api/projects/${projectId}/messages`, { body: 'My Amex is 3782 822463 10005' });
    expect(message.statusCode).toBe(400);
    const project = await customer.c.post('/api/projects', { title: 'Card 4111111111111111', process: 'FDM', material: 'PLA', quantity: 1 });
    expect(project.statusCode).toBe(400);
    // Not Luhn-valid, or too short: a part number, a phone number.
    const fine = await customer.c.post(`/api/projects/${projectId}/messages`, { body: 'Part 4242 4242 4242 4241, call +44 20 7946 0958' });
    expect(fine.statusCode, fine.body).toBe(201);
  });
});

describe('invoice keys', () => {
  it('follow a master key rotation, and the PDF stays readable', async () => {
    const before = await app.db.selectFrom('invoices').select(['id', 'wrapped_key']).orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    const ring = await addPrimaryKeyToFile(app.config.dataDir);
    await app.services.files.rewrapAllKeys(ring);
    expect(await app.services.orders.rewrapInvoiceKeys()).toMatchObject({ masterKeyId: ring.primary.id, rewrapped: before.length, alreadyCurrent: 0 });
    const after = await app.db.selectFrom('invoices').select(['id', 'wrapped_key']).orderBy('id').execute();
    expect(after.every((r) => wrappedKeyMasterId(r.wrapped_key) === ring.primary.id)).toBe(true);
    const pdf = await customer.c.get(`/api/invoices/${before[0]!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('fiscalYearOf', () => {
  it('names the fiscal year by the calendar year it ends in', () => {
    expect(fiscalYearOf(new Date('2026-12-31T23:00:00Z'), { month: 12, day: 31 })).toBe(2026);
    expect(fiscalYearOf(new Date('2026-03-31T12:00:00Z'), { month: 3, day: 31 })).toBe(2026);
    expect(fiscalYearOf(new Date('2026-04-01T00:00:00Z'), { month: 3, day: 31 })).toBe(2027);
  });
});
