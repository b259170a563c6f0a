import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { fiscalYearOf } from './fiscal-year.js';
import { acceptedQuote, placeOrder, putCommerceInForce } from './orders-test-support.js';

let app: TestApp;
let eve: TestUser;
let staff: TestUser;
let invoiceObject: string;
let year: number;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putCommerceInForce(app);
  eve = await signedIn(app, 'customer', 'eve@customer.test');
  staff = await signedIn(app, 'staff', 'sam@operator.test');
  const { quoteId } = await acceptedQuote(app, eve, staff);
  const orderId = await placeOrder(eve, quoteId);
  expect((await eve.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(200);
  expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(200);
  invoiceObject = (await app.db.selectFrom('invoices').select('storage_key').where('customer_id', '=', eve.id).executeTakeFirstOrThrow()).storage_key;
  year = fiscalYearOf(app.clock.now(), { month: 12, day: 31 });
}, 90_000);
afterAll(async () => app?.dispose());

const rows = async (table: 'orders' | 'customer_addresses' | 'order_events' | 'invoices' | 'payments', column = 'customer_id') =>
  app.db.selectFrom(table).selectAll().where(column as 'customer_id', '=', eve.id).execute();

describe('an erased customer with invoices', () => {
  it('keeps the invoices (and their PDF) with the reason and the date they go; everything else of the order is gone', async () => {
    const { erasureId, token } = await app.services.rights.eraseAccount(CLI_ACTOR, eve.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await rows('orders')).toEqual([]);
    expect(await rows('customer_addresses')).toEqual([]);
    expect(await rows('order_events')).toEqual([]);
    expect(await rows('invoices')).toHaveLength(1);
    const [payment] = await rows('payments');
    expect(payment).toMatchObject({ status: 'succeeded', card_brand: null, card_last4: null, payment_method_ref: null });
    expect(await createLocalStorageDriver({ rootDir: app.config.filesDir }).exists(invoiceObject)).toBe(true);

    const res = await app.http.inject({ method: 'GET', url: `/api/erasures/${erasureId}?token=${token}` });
    expect(res.statusCode, res.body).toBe(200);
    type Kept = { table: string; category: string; reason: string; until: string | null };
    const kept = res.json<{ certificate: { kept: Kept[] } }>().certificate.kept;
    // The manifest keeps billing records seven years after the end of the fiscal year they belong to.
    expect(kept).toContainEqual(expect.objectContaining({ table: 'invoices', category: 'billing.invoice', reason: 'invoices and credit notes must be kept under tax and accounting law', until: `${year + 7}-12-31` }));
    expect(kept).toContainEqual(expect.objectContaining({ table: 'payments', category: 'billing.transaction' }));
  });

  it('loses them to retention once the period the manifest states has run, PDF shredded', async () => {
    app.clock.set(new Date(`${year + 7}-12-30T12:00:00Z`));
    expect((await app.services.retention.planRetention()).items.find((i) => i.table === 'invoices')).toBeUndefined();
    app.clock.set(new Date(`${year + 8}-01-01T12:00:00Z`));
    expect((await app.services.retention.planRetention()).items.find((i) => i.table === 'invoices')).toMatchObject({ category: 'billing.invoice', rows: 1 });
    await app.services.retention.runRetention();
    expect(await rows('invoices')).toEqual([]);
    expect(await createLocalStorageDriver({ rootDir: app.config.filesDir }).exists(invoiceObject)).toBe(false);
  });
});
