/**
 * The catalogue in real Chromium under a policy that declares no shipping details (a service
 * business): the staff member adds a product (a wrong currency is refused by the server, shown at
 * its field), withdraws another, and the customer orders from the shop with a billing address only
 * (no delivery address is offered), chooses bank transfer, and sees the order paid once the staff
 * member records the transfer. Screenshots of each step go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import { defaultWithout, putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, heading, openBrowser, screenshot, type Browser, signIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('the catalogue in Chromium', () => {
  let app: TestApp;
  let customer: Browser;
  let office: Browser;
  let cleo: TestUser;
  let sam: TestUser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    await putPolicyInForce(app, defaultWithout('order.shipping'));
    cleo = await signedIn(app, 'customer', 'cleo@example.test');
    sam = await signedIn(app, 'staff', 'sam@example.test');
    [customer, office] = await Promise.all([openBrowser(`http://127.0.0.1:${served.port}`), openBrowser(`http://127.0.0.1:${served.port}`)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([customer?.close(), office?.close()]);
    await app?.dispose();
  });

  it('staff add an item, the customer orders it without a delivery address and pays by bank transfer', { timeout: 180_000 }, async () => {
    const a = customer.page;
    const b = office.page;

    // The staff member keeps the catalogue; the server's refusal of the currency shows at its field.
    await signIn(b, { email: sam.email, password: TEST_PASSWORD });
    await clickNavLink(b, 'Catalogue');
    await heading(b, 'Catalogue');
    const add = b.getByRole('form', { name: 'Add a product or service' });
    await add.getByLabel('Name').fill('Scan to print-ready model');
    await add.getByLabel('Description').fill('We scan your object and prepare a watertight model.');
    await add.getByLabel('Price').fill('49.50');
    await add.getByLabel('Currency').fill('E1');
    await add.getByRole('button', { name: 'Add to the catalogue' }).click();
    await add.locator('.field-invalid', { has: b.getByLabel('Currency') }).getByText(/three-letter currency code/).waitFor();
    await screenshot(b, 'catalogue-01-currency-refused');
    expect(await app.db.selectFrom('catalogue_items').select('id').execute()).toEqual([]);
    await add.getByLabel('Currency').fill('eur');
    await add.getByRole('button', { name: 'Add to the catalogue' }).click();
    await b.getByText('Scan to print-ready model is in the catalogue.').waitFor();
    await add.getByLabel('Name').fill('Old colour scan');
    await add.getByLabel('Price').fill('20');
    await add.getByLabel('Currency').fill('EUR');
    await add.getByRole('button', { name: 'Add to the catalogue' }).click();
    await b.getByText('Old colour scan is in the catalogue.').waitFor();
    const list = b.getByRole('table', { name: 'Catalogue' });
    await list.getByRole('button', { name: 'Withdraw Old colour scan' }).click();
    await list.getByRole('button', { name: 'Offer again Old colour scan' }).click();
    await list.getByRole('button', { name: 'Withdraw Old colour scan' }).click();
    await list.getByRole('row', { name: /Old colour scan/ }).getByText('Withdrawn').waitFor();
    await list.getByRole('row', { name: /Scan to print-ready model/ }).getByText('On offer').waitFor();
    await screenshot(b, 'catalogue-02-staff-catalogue');

    // The customer sees only what is on offer, and orders it with a billing address alone.
    await signIn(a, { email: cleo.email, password: TEST_PASSWORD });
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
    await heading(a, 'Shop');
    const shop = a.getByRole('list', { name: 'Catalogue' });
    const item = shop.getByRole('listitem', { name: 'Scan to print-ready model' });
    await item.getByText('€49.50').waitFor();
    expect(await shop.getByRole('listitem').count()).toBe(1);
    await screenshot(a, 'catalogue-03-shop');
    await item.getByRole('link', { name: 'Order Scan to print-ready model' }).click();
    await heading(a, 'Order Scan to print-ready model');
    await a.getByLabel('Quantity').fill('2');
    await a.getByText('€99.00 before tax.').waitFor();
    await a.getByLabel('Full name').fill('Cleo Customer');
    await a.getByLabel('Street and number').fill('12 Marylebone Road');
    await a.getByLabel('Postal code').fill('NW1 5LR');
    await a.getByLabel('City').fill('London');
    await a.getByLabel('Country code').fill('GB');
    // The policy declares no shipping details: nothing asks where to ship.
    expect(await a.getByLabel('Ship to a different address').count()).toBe(0);
    expect(await a.getByRole('heading', { name: 'Delivery' }).count()).toBe(0);
    await screenshot(a, 'catalogue-04-order-form');
    await a.getByRole('button', { name: 'Place order' }).click();
    await a.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = new URL(a.url()).pathname.split('/').pop() ?? '';
    const order = await app.db.selectFrom('orders').select(['catalogue_item_id', 'shipping_address']).where('id', '=', orderId).executeTakeFirstOrThrow();
    expect(order.catalogue_item_id).not.toBeNull();
    expect(order.shipping_address).toBeNull();

    // Bank transfer: the customer gets the reference; the staff member records the money's arrival.
    const pay = a.getByRole('region', { name: 'Pay' });
    await pay.getByRole('button', { name: 'Pay by bank transfer' }).click();
    await pay.getByText(/with the reference/).waitFor();
    await screenshot(a, 'catalogue-05-bank-transfer');
    await b.goto(`/orders/${orderId}`);
    await b.getByRole('button', { name: 'Record bank transfer received' }).click();
    await b.getByText('Payment recorded; the invoice is issued.').waitFor();

    await a.goto('/orders');
    await heading(a, 'Orders');
    await a.getByRole('link', { name: /^ORD-/ }).click();
    await a.locator('.badge', { hasText: 'Paid' }).first().waitFor();
    await a.getByText('Scan to print-ready model').first().waitFor();
    await a.getByRole('list', { name: 'Invoices' }).getByRole('link', { name: /^Invoice INV-/ }).waitFor();
    await screenshot(a, 'catalogue-06-paid-order');
    expect(customer.problems).toEqual([]);
    expect(office.problems).toEqual([]);
  });
});
