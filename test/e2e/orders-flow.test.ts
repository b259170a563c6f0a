/**
 * Orders in real Chromium against the real server and a local fake of Stripe: the customer accepts a
 * quote, orders it (a card number typed into the notes is refused), pays by card on the (fake) Stripe
 * page, whose signed notice marks the order paid, and downloads the invoice PDF; the staff member ships
 * it with a tracking link and marks it delivered. The order confirmation, shipping and delivery e-mails
 * are in the outbox. Screenshots of each step go to test-results/screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, uploadWhole } from '../../src/modules/files/files-test-support.js';
import { makeBox, toBinaryStl } from '../../src/modules/models/test-meshes.js';
import { putCommerceInForce } from '../../src/modules/orders/orders-test-support.js';
import { createProject, signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import { startFakeStripe } from '../../src/test-support/fake-stripe.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, heading, openBrowser, screenshot, type Browser, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('orders in Chromium', () => {
  let app: TestApp;
  let port = 0;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let customer: Browser;
  let office: Browser;
  let cleo: TestUser;
  let sam: TestUser;
  let projectId: string;

  beforeAll(async () => {
    fake = await startFakeStripe({ webhookUrl: () => `http://127.0.0.1:${port}/api/payments/stripe/webhook`, appOrigin: () => `http://127.0.0.1:${port}` });
    const served = await serveTestApp({ jobs: 'drained', env: fake.env });
    app = served.app;
    port = served.port;
    await putCommerceInForce(app);
    cleo = await signedIn(app, 'customer', 'cleo@example.test');
    sam = await signedIn(app, 'staff', 'sam@example.test');
    const admin = await signedIn(app, 'admin', 'ada@example.test');
    projectId = await createProject(cleo, { title: 'Gearbox bracket', process: 'FDM', material: 'PLA', quantity: 3 });
    expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: sam.id })).statusCode).toBe(200);
    const fileId = await uploadWhole(app, cleo, projectId, 'bracket.stl', toBinaryStl(makeBox([0, 0, 0], [20, 30, 40])));
    expect((await analyse(app, fileId)).status).toBe('analysed');
    expect((await cleo.c.post(`/api/projects/${projectId}/quotes`)).statusCode).toBe(201);
    [customer, office] = await Promise.all([openBrowser(`http://127.0.0.1:${port}`), openBrowser(`http://127.0.0.1:${port}`)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([customer?.close(), office?.close()]);
    await app?.dispose();
    await fake?.close();
  });

  it('accepts a quote, orders and pays it by card, downloads the invoice, and follows it to delivery', { timeout: 180_000 }, async () => {
    const a = customer.page;
    const b = office.page;
    await signIn(a, { email: cleo.email, password: TEST_PASSWORD });
    await a.goto(`/projects/${projectId}`);
    await heading(a, 'Gearbox bracket');
    const quote = a.getByRole('region', { name: 'Quote' });
    await quote.getByRole('button', { name: 'Accept quote' }).click();
    await a.getByText('Quote accepted. Your project is now in production.').waitFor();
    await quote.getByRole('link', { name: 'Order and pay' }).click();
    await heading(a, 'Order your parts');
    // This policy declares shipping details: another delivery address is offered.
    await a.getByLabel('Ship to a different address').waitFor();

    // Addresses; a card number in the notes is refused at once, and nothing is ordered.
    await a.getByLabel('Full name').fill('Cleo Customer');
    await a.getByLabel('Company').fill('Gearworks Ltd');
    await a.getByLabel('Street and number').fill('12 Marylebone Road');
    await a.getByLabel('Postal code').fill('NW1 5LR');
    await a.getByLabel('City').fill('London');
    await a.getByLabel('Country code').fill('GB');
    await a.getByLabel('Notes for our team').fill('Charge my card 4242 4242 4242 4242 please');
    await a.getByRole('button', { name: 'Place order' }).click();
    await a.getByText(/looks like a payment card number/i).first().waitFor();
    await screenshot(a, 'orders-01-card-number-refused');
    expect(await app.db.selectFrom('orders').select('id').execute()).toEqual([]);
    await a.getByLabel('Notes for our team').fill('Deliver to reception, please.');
    await a.getByRole('button', { name: 'Place order' }).click();
    await a.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await a.getByRole('region', { name: 'Pay' }).waitFor();
    const orderId = new URL(a.url()).pathname.split('/').pop() ?? '';
    await screenshot(a, 'orders-02-placed-waiting-for-payment');

    // To Stripe's (fake) page and back: its signed notice has marked the order paid.
    await a.getByRole('button', { name: 'Pay by card' }).click();
    await a.waitForURL(`${fake.url}/pay/**`);
    await a.getByRole('heading', { name: 'Fake Stripe Checkout' }).waitFor();
    await a.getByRole('button', { name: 'Pay' }).click();
    await a.waitForURL(/\/orders\/[0-9a-f-]{36}\?payment=done$/);
    await a.locator('.badge', { hasText: 'Paid' }).first().waitFor();
    const invoices = a.getByRole('list', { name: 'Invoices' });
    const link = invoices.getByRole('link', { name: /^Invoice INV-\d{4}-\d{6}$/ });
    await link.waitFor();
    await screenshot(a, 'orders-03-paid-with-invoice');
    const [file] = await Promise.all([a.waitForEvent('download'), link.click()]);
    const pdf = readFileSync(await file.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.suggestedFilename()).toMatch(/^INV-\d{4}-\d{6}\.pdf$/);

    // The staff member moves it along: production, shipping with a tracking link, delivery.
    await signIn(b, { email: sam.email, password: TEST_PASSWORD });
    await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await heading(b, 'Orders');
    await b.getByRole('link', { name: /^ORD-/ }).click();
    await b.getByRole('region', { name: 'Staff actions' }).waitFor();
    await b.getByRole('button', { name: 'Mark in production' }).click();
    await b.getByText('Order is now in production.').waitFor();
    const ship = b.getByRole('form', { name: 'Ship the order' });
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await ship.getByText('Name the carrier.').waitFor();
    await ship.getByLabel('Carrier').fill('DHL Express');
    await ship.getByLabel('Tracking link').fill('https://dhl.example/track/JD014600006281');
    await ship.getByRole('button', { name: 'Mark shipped' }).click();
    await b.getByText('Order shipped; the customer has the tracking link.').waitFor();
    await b.getByRole('button', { name: 'Mark delivered' }).click();
    await b.getByText('Order is now delivered.').waitFor();
    await screenshot(b, 'orders-04-staff-delivered');

    await a.goto(`/orders/${orderId}`);
    await a.locator('.badge', { hasText: 'Delivered' }).first().waitFor();
    await a.getByRole('link', { name: 'Track the parcel' }).waitFor();
    await screenshot(a, 'orders-05-customer-delivered');
    await a.goto('/orders');
    await a.getByRole('region', { name: 'Billing history' }).getByRole('link', { name: /^Invoice INV-/ }).waitFor();
    await screenshot(a, 'orders-06-billing-history');

    const kinds = (await app.services.mail.list({ limit: 50, to: cleo.email })).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['orders.confirmation', 'orders.paid', 'orders.shipped', 'orders.delivered']));
    const shipped = (await app.services.mail.list({ limit: 50, to: cleo.email })).find((m) => m.kind === 'orders.shipped');
    expect(shipped?.body_text).toContain('https://dhl.example/track/JD014600006281');
    expect(customer.problems).toEqual([]);
    expect(office.problems).toEqual([]);
  });
});
