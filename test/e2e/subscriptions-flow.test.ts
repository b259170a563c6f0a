/**
 * Subscriptions in real Chromium against the real server and a local fake of Stripe: the customer
 * subscribes to a licensed plan by card on the (fake) Stripe page, whose signed notices start it and
 * save the card; the clock moves past the period's end and the renewal run charges the card
 * off-session and invoices the new period; the customer cancels at the period end, and once it has
 * passed the subscription and its licence have ended. Screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCommerceInForce } from '../../src/modules/orders/orders-test-support.js';
import { licensedPlan, licenceKey, validateKey } from '../../src/modules/subscriptions/subscriptions-test-support.js';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import { startFakeStripe } from '../../src/test-support/fake-stripe.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser, signIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('subscriptions in Chromium', () => {
  let app: TestApp;
  let port = 0;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let customer: Browser;
  let dana: TestUser;

  beforeAll(async () => {
    fake = await startFakeStripe({ webhookUrl: () => `http://127.0.0.1:${port}/api/payments/stripe/webhook`, appOrigin: () => `http://127.0.0.1:${port}` });
    const served = await serveTestApp({ jobs: false, env: { ...fake.env, MESHVAULT_TAX_RATE_PERCENT: '20' } });
    app = served.app;
    port = served.port;
    await putCommerceInForce(app);
    const admin = await signedIn(app, 'admin', 'ada@example.test');
    await licensedPlan(admin, { code: 'studio-monthly', period: 'P1M', priceCents: 2500 });
    dana = await signedIn(app, 'customer', 'dana@example.test');
    customer = await openBrowser(`http://127.0.0.1:${port}`);
  }, 120_000);

  afterAll(async () => {
    await customer?.close();
    await app?.dispose();
    await fake?.close();
  });

  /** Moves the server's clock and signs in again (the session timed out meanwhile). */
  async function later(page: Page, to: Date) {
    app.clock.set(to);
    await page.context().clearCookies();
    await page.goto('/sign-in');
    await signIn(page, { email: dana.email, password: TEST_PASSWORD });
    await page.goto('/subscriptions');
    await heading(page, 'Subscriptions');
  }

  it('subscribes by card, renews when the period ends, and ends after being cancelled at the period end', { timeout: 180_000 }, async () => {
    const a = customer.page;
    await signIn(a, { email: dana.email, password: TEST_PASSWORD });
    await clickNavLink(a, 'Subscriptions');
    await heading(a, 'Subscriptions');
    await a.getByText('You have no subscriptions.').waitFor();
    const form = a.getByRole('form', { name: 'Subscribe' });
    await form.getByLabel('Full name').fill('Dana Designer');
    await form.getByLabel('Street and number').fill('3 Rue de la Paix');
    await form.getByLabel('Postal code').fill('75002');
    await form.getByLabel('City').fill('Paris');
    await form.getByLabel('Country code').fill('FR');
    await screenshot(a, 'subscriptions-01-subscribe');
    await form.getByRole('button', { name: 'Subscribe' }).click();

    // Stripe's (fake) page and back: its signed notices started the subscription and saved the card.
    await a.waitForURL(`${fake.url}/pay/**`);
    await a.getByRole('button', { name: 'Pay' }).click();
    await a.waitForURL(/\/subscriptions\/[0-9a-f-]{36}\?payment=done$/);
    const card = a.getByRole('article', { name: /^Subscription SUB-/ });
    await card.locator('.badge', { hasText: 'Active' }).waitFor();
    await card.getByText(/renews then with your saved card/).waitFor();
    await card.getByRole('link', { name: 'Invoice for period 1' }).waitFor();
    await screenshot(a, 'subscriptions-02-active');
    const sub = await app.db.selectFrom('subscriptions').selectAll().executeTakeFirstOrThrow();
    const key = await licenceKey(app, sub.licence_id!);
    expect(await validateKey(app, key)).toBe('VALID');

    // A month on: the renewal run charges the saved card and invoices the second period.
    await later(a, new Date(sub.current_period_end!.getTime() + 60_000));
    expect(await app.services.subscriptions.runRenewals()).toMatchObject({ renewed: 1 });
    await a.reload();
    await card.getByRole('link', { name: 'Invoice for period 2' }).waitFor();
    await screenshot(a, 'subscriptions-03-renewed');

    // Cancelled at the period end: it stays active until then, and nothing more is charged.
    await card.getByRole('button', { name: 'Cancel subscription' }).click();
    await card.getByRole('button', { name: 'Cancel at the period end' }).click();
    await a.getByText(/will end on/).waitFor();
    await card.getByText(/Cancelled: it ends on/).waitFor();
    await card.getByRole('button', { name: 'Keep subscription' }).waitFor();
    await screenshot(a, 'subscriptions-04-cancel-scheduled');
    const renewed = await app.db.selectFrom('subscriptions').selectAll().executeTakeFirstOrThrow();
    await later(a, new Date(renewed.current_period_end!.getTime() + 60_000));
    expect(await app.services.subscriptions.runRenewals()).toMatchObject({ canceled: 1, renewed: 0 });
    await a.reload();
    await card.locator('.badge', { hasText: 'Cancelled' }).waitFor();
    await a.getByRole('form', { name: 'Subscribe' }).waitFor();
    await screenshot(a, 'subscriptions-05-ended');
    expect(await validateKey(app, key)).toBe('EXPIRED');
    expect(fake.requests.filter((r) => r.path === '/v1/payment_intents')).toHaveLength(1);

    const kinds = (await app.services.mail.list({ limit: 50, to: dana.email })).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['subscriptions.started', 'subscriptions.renewed', 'subscriptions.cancel_scheduled', 'subscriptions.ended']));
    expect(customer.problems).toEqual([]);
  });

  it('lets an admin offer a plan and record the bank transfer a subscription waits for', { timeout: 120_000 }, async () => {
    app.clock.set(new Date());
    const office = await openBrowser(`http://127.0.0.1:${port}`);
    try {
      const b = office.page;
      await signIn(b, { email: 'ada@example.test', password: TEST_PASSWORD });
      await b.goto('/admin/subscriptions');
      await heading(b, 'Subscriptions');
      const form = b.getByRole('form', { name: 'New plan' });
      await form.getByLabel('Code').fill('team-yearly');
      await form.getByLabel('Name').fill('Team yearly');
      await form.getByLabel('Period').fill('P1Y');
      await form.getByLabel('Price before tax').fill('240.00');
      await form.getByRole('button', { name: 'Offer plan' }).click();
      await b.getByText('Plan Team yearly is on offer.').waitFor();
      const plan = await app.db.selectFrom('subscription_plans').selectAll().where('code', '=', 'team-yearly').executeTakeFirstOrThrow();
      expect(plan).toMatchObject({ period: 'P1Y', price_cents: 24_000, currency: 'EUR' });

      const eli = await signedIn(app, 'customer', 'eli@example.test');
      const res = await eli.c.post('/api/subscriptions', { planId: plan.id, provider: 'bank_transfer', billingAddress: { name: 'Eli', line1: '1 Quay', postalCode: 'D02', city: 'Dublin', country: 'IE' } });
      expect(res.statusCode, res.body).toBe(201);
      await b.reload();
      const row = b.getByRole('row', { name: /Team yearly/ });
      await row.getByText('€288.00 by bank transfer').waitFor();
      await row.getByRole('button', { name: 'Record bank transfer' }).click();
      await b.getByText(/Transfer for SUB-\w+ recorded; invoice INV-\d{4}-\d{6} issued\./).waitFor();
      await row.getByText('Active').waitFor();
      await screenshot(b, 'subscriptions-06-admin-recorded-transfer');
      expect(office.problems).toEqual([]);
    } finally {
      await office.close();
    }
  });
});

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
