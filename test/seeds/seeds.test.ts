import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, latestMailTo } from '../../src/test-support/http-client.js';
import { createProject, sampleProject, signedIn, type TestUser } from '../../src/test-support/builders.js';
import { acceptedQuote, placeOrder } from '../../src/modules/orders/orders-test-support.js';
import { formatIsoDuration } from '../../src/modules/privacy/manifest/durations.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { featureSwitches, seedInstallation, SEEDS, signUpUnder, type Seed } from './seed-installation.js';

let app: TestApp;

type Problem = { code: string; detail: string };

/** An admin offers a monthly plan; the customer subscribes by bank transfer, is invoiced once paid, and cancels. */
async function subscribeAndCancel(customer: TestUser) {
  const admin = await signedIn(app, 'admin');
  const plan = await admin.c.post('/api/subscription-plans', { code: `plan-${randomUUID().slice(0, 8)}`, name: 'Monthly', period: 'P1M', priceCents: 900, currency: 'USD' });
  expect(plan.statusCode, plan.body).toBe(201);
  const billingAddress = { name: 'Ada Lovelace', line1: '1 Main Street', postalCode: '10001', city: 'New York', country: 'US' };
  const sub = await customer.c.post('/api/subscriptions', { planId: plan.json<{ id: string }>().id, provider: 'bank_transfer', billingAddress });
  expect(sub.statusCode, sub.body).toBe(201);
  const id = sub.json<{ id: string }>().id;
  expect((await admin.c.post(`/api/subscriptions/${id}/payments/bank-transfer`)).statusCode).toBe(200);
  // Its invoice is in the billing history, although orders are off here.
  const billing = await customer.c.get('/api/billing');
  expect(billing.statusCode, billing.body).toBe(200);
  expect(billing.json<{ invoices: Array<{ reference: string }> }>().invoices).toHaveLength(1);
  expect((await customer.c.post(`/api/subscriptions/${id}/cancel`)).statusCode).toBe(200);
  expect((await customer.c.get(`/api/subscriptions/${id}`)).json<{ status: string; cancelAtPeriodEnd: boolean }>()).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
  expect(await app.db.selectFrom('invoices').select('reference').where('customer_id', '=', customer.id).execute()).toHaveLength(1);
}

/**
 * Staff offer a service in the catalogue; the customer orders it with nothing uploaded, pays by bank
 * transfer (staff record it), downloads the invoice, and follows it through shipping and delivery,
 * with the order-confirmation, shipping and delivery e-mails.
 */
async function orderFromCatalogueShipAndDeliver(customer: TestUser) {
  const staff = await signedIn(app, 'staff');
  const item = await staff.c.post('/api/catalogue', { name: '3D print, shipped', unitCents: 4900, currency: 'eur' });
  expect(item.statusCode, item.body).toBe(201);
  const itemId = item.json<{ id: string }>().id;
  expect((await customer.c.post('/api/catalogue', { name: 'Free prints', unitCents: 0, currency: 'EUR' })).statusCode).toBe(403);
  expect((await customer.c.get('/api/catalogue')).json<{ items: Array<{ id: string; currency: string }> }>().items).toEqual([expect.objectContaining({ id: itemId, currency: 'EUR' })]);
  const billingAddress = { name: 'Ada Lovelace', line1: '12 Rue de Hollerich', postalCode: '1740', city: 'Luxembourg', country: 'LU' };
  const placed = await customer.c.post(`/api/catalogue/${itemId}/order`, { quantity: 2, billingAddress, shippingAddress: { ...billingAddress, line1: '1 Dock Street' } });
  expect(placed.statusCode, placed.body).toBe(201);
  const orderId = placed.json<{ id: string }>().id;
  const confirmation = await latestMailTo(app, customer.email);
  expect(confirmation.message.kind).toBe('orders.confirmation');
  expect(confirmation.message.body_text).toContain('1 Dock Street');
  expect((await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(200);
  expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(200);
  const paid = (await customer.c.get(`/api/orders/${orderId}`)).json<{ order: { status: string; netCents: number; catalogueItemId: string }; invoices: Array<{ number: string; downloadUrl: string }> }>();
  expect(paid.order).toMatchObject({ status: 'paid', netCents: 9800, catalogueItemId: itemId });
  expect(paid.invoices).toHaveLength(1);
  expect((await latestMailTo(app, customer.email)).message.body_text).toContain(paid.invoices[0]!.number);
  const pdf = await customer.c.get(paid.invoices[0]!.downloadUrl);
  expect(pdf.statusCode).toBe(200);
  expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'in_production' })).statusCode).toBe(200);
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/JD0123' })).statusCode).toBe(200);
  const shipped = await latestMailTo(app, customer.email);
  expect(shipped.message.kind).toBe('orders.shipped');
  expect(shipped.message.body_text).toContain('https://dhl.example/track/JD0123');
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'delivered' })).statusCode).toBe(200);
  expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.delivered');
  // A withdrawn item is no longer offered; its order keeps its lines.
  expect((await staff.c.put(`/api/catalogue/${itemId}/active`, { active: false })).statusCode).toBe(200);
  expect((await customer.c.post(`/api/catalogue/${itemId}/order`, { billingAddress })).statusCode).toBe(409);
  expect((await customer.c.get(`/api/orders/${orderId}`)).json<{ order: { status: string } }>().order.status).toBe('delivered');
}

/**
 * Seed 004 prepares models and invoices completed work; it ships nothing. The customer orders an
 * accepted quote with no shipping address (one sent is refused), pays by bank transfer, gets the
 * invoice, and the work goes from production straight to delivered.
 */
async function orderQuoteWithoutShipping(customer: TestUser) {
  const staff = await signedIn(app, 'staff');
  const { quoteId } = await acceptedQuote(app, customer, staff);
  const billingAddress = { name: 'Ada Lovelace', line1: '4281 Clark Rd', postalCode: '34233', city: 'Sarasota', region: 'FL', country: 'US' };
  const shipped = await customer.c.post(`/api/quotes/${quoteId}/order`, { billingAddress, shippingAddress: billingAddress });
  expect(shipped.statusCode).toBe(422);
  expect(shipped.json<Problem>().detail).toContain('order.shipping');
  const orderId = await placeOrder(customer, quoteId, { billingAddress });
  expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.confirmation');
  expect((await customer.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(200);
  expect((await staff.c.post(`/api/orders/${orderId}/payments/bank-transfer`)).statusCode).toBe(200);
  const paid = (await customer.c.get(`/api/orders/${orderId}`)).json<{ order: { status: string; shippingAddress: unknown }; invoices: Array<{ number: string; downloadUrl: string }> }>();
  expect(paid.order).toMatchObject({ status: 'paid', shippingAddress: null });
  expect(paid.invoices).toHaveLength(1);
  expect((await customer.c.get(paid.invoices[0]!.downloadUrl)).rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'in_production' })).statusCode).toBe(200);
  const detail = (await staff.c.get(`/api/orders/${orderId}`)).json<{ order: { allowedMoves: string[] } }>();
  expect(detail.order.allowedMoves).toEqual(['delivered']);
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'shipped', carrier: 'DHL', trackingUrl: 'https://dhl.example/track/1' })).statusCode).toBe(409);
  expect((await staff.c.post(`/api/orders/${orderId}/status`, { status: 'delivered' })).statusCode).toBe(200);
  expect((await latestMailTo(app, customer.email)).message.kind).toBe('orders.delivered');
  expect(await app.db.selectFrom('invoices').select('number').where('customer_id', '=', customer.id).execute()).toEqual([{ number: paid.invoices[0]!.number }]);
}

/** What each seed business does, and must not do, walked on its own installation. */
const WALKS: Record<Seed, { title: string; walk: () => Promise<void> }> = {
  '000-configurator': {
    title: '000 (a configurator): adults only, the configurator on, no projects, organisations or quotes',
    walk: async () => {
      expect(await featureSwitches(app)).toEqual({ projects: false, quotes: false, orders: false, subscriptions: true, organisations: false, analytics: true, licensing: false, support: true, marketing: true, configurator: true, integrations: true });
      expect((await app.services.policy.values()).minimumAge).toBe(18);
      // Its policy counts using the service as accepting it: sign-up records that, with the version.
      const signUp = await signUpUnder(app, { email: 'adult@example.com' });
      expect(signUp.res.statusCode, signUp.res.body).toBe(201);
      const user = signUp.user;
      expect(user).toMatchObject({ attested_minimum_age: 18, phone: null });
      const accepted = await app.db.selectFrom('policy_acceptances').selectAll().where('user_id', '=', user!.id).executeTakeFirstOrThrow();
      expect(accepted).toMatchObject({ version: 1, how: 'by_use' });
      const customer = await signedIn(app);
      const res = await customer.c.post('/api/projects', sampleProject);
      expect(res.statusCode).toBe(404);
      expect(res.json<Problem>().detail).toContain('project messages (project.messages)');
      // Its policy bills transactions and keeps invoices: subscriptions run here.
      await subscribeAndCancel(customer);
      // It declares "models, configurations, customisation parameters": the configurator is on; orders are not.
      expect((await customer.c.get('/api/configurator/products')).json()).toEqual({ products: [] });
      expect((await customer.c.post(`/api/configurations/${randomUUID()}/order`, {})).json<Problem>().code).toBe('feature_off');
    },
  },

  '001-scanning-printing': {
    title: '001 (scanning and printing): from 13, no account data it does not declare, no uploads, orders from the catalogue shipped and delivered',
    walk: async () => {
      // Orders and invoices collect only what it declares, so they are on (subscriptions too: they hold no more, and run only once staff offer a plan).
      expect(await featureSwitches(app)).toEqual({ projects: false, quotes: false, orders: true, subscriptions: true, organisations: false, analytics: true, licensing: false, support: true, marketing: true, configurator: false, integrations: false });
      expect((await app.services.policy.values()).minimumAge).toBe(13);
      // Who cannot confirm being 13 gets no account; who can signs up without a password (none is declared).
      const child = await signUpUnder(app, { email: 'child@example.com', ageConfirmed: false });
      expect(child.res.statusCode).toBe(400);
      expect(child.user).toBeUndefined();
      const { res, user, signIn } = await signUpUnder(app, { email: 'maker@example.com' });
      expect(res.statusCode, res.body).toBe(201);
      expect(signIn).toBe('email_link');
      expect(user).toMatchObject({ attested_minimum_age: 13, password_hash: null, company: null });
      // Its session cookie ends when the browser closes, as its cookie table says.
      const c = createClient(app);
      await c.post('/api/auth/sign-in-link/request', { email: 'maker@example.com' });
      const signedInByLink = await c.post('/api/auth/sign-in-link/confirm', { token: (await latestMailTo(app, 'maker@example.com')).token });
      expect(signedInByLink.statusCode, signedInByLink.body).toBe(200);
      const cookie = signedInByLink.cookies.find((k) => k.name === 'mv_session');
      expect(cookie).toBeDefined();
      expect(cookie).not.toHaveProperty('maxAge');
      expect(cookie).not.toHaveProperty('expires');
      const customer = await signedIn(app);
      expect((await customer.c.post(`/api/projects/${randomUUID()}/uploads`, {})).json<Problem>().code).toBe('feature_off');
      // It sells 3D printing and shipping services with order, shipping and delivery e-mails: ordered from the catalogue.
      await orderFromCatalogueShipAndDeliver(customer);
    },
  },

  '002-b2b-products': {
    title: '002 (B2B products): organisations and projects on, no quotes, no specifications asked',
    walk: async () => {
      expect(await featureSwitches(app)).toEqual({ projects: true, quotes: false, orders: false, subscriptions: false, organisations: true, analytics: true, licensing: false, support: true, marketing: true, configurator: false, integrations: false });
      const customer = await signedIn(app);
      expect((await customer.c.get('/api/orgs/mine')).statusCode).toBe(200);
      expect((await customer.c.get('/api/projects/options')).json<{ specificationsAsked: boolean }>().specificationsAsked).toBe(false);
      expect((await customer.c.post('/api/projects', sampleProject)).statusCode).toBe(422);
      const id = await createProject(customer, { process: undefined, material: undefined, colour: undefined, quantity: undefined, units: undefined, toleranceMm: undefined, finish: undefined, wantedDeliveryDate: undefined, notes: undefined });
      expect((await customer.c.post(`/api/projects/${id}/quotes`, {})).json<Problem>().code).toBe('feature_off');
    },
  },

  '003-desktop-software': {
    title: '003 (desktop software): the app uploads no project files, so no upload route answers',
    walk: async () => {
      expect(await featureSwitches(app)).toEqual({ projects: false, quotes: false, orders: false, subscriptions: true, organisations: false, analytics: true, licensing: true, support: true, marketing: true, configurator: false, integrations: false });
      const customer = await signedIn(app);
      const cookie = [...customer.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const id = randomUUID();
      const attempts = [
        await customer.c.post('/api/projects', sampleProject),
        await customer.c.post(`/api/projects/${id}/uploads`, {}),
        await app.http.inject({ method: 'POST', url: `/api/projects/${id}/uploads`, headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': '100', 'upload-metadata': `filename ${Buffer.from('a.stl').toString('base64')}` } }),
        await app.http.inject({ method: 'PATCH', url: `/api/uploads/${id}`, headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, payload: Buffer.alloc(100) }),
        await app.http.inject({ method: 'HEAD', url: `/api/uploads/${id}`, headers: { cookie, 'tus-resumable': '1.0.0' } }),
        await customer.c.get(`/api/files/${id}/download`),
      ];
      for (const res of attempts) expect(res.statusCode, res.body).toBe(404);
      expect(await app.db.selectFrom('file_uploads').selectAll().execute()).toEqual([]);
      expect(await app.db.selectFrom('files').selectAll().execute()).toEqual([]);
      // Its policy sells subscriptions one can cancel at any time: subscribing and cancelling run here.
      await subscribeAndCancel(customer);
    },
  },

  '004-model-preparation': {
    title: '004 (model preparation): projects with specifications and quotes ordered without shipping and invoiced, kept as long as its policy says',
    walk: async () => {
      // Its policy invoices completed work: orders are on, without shipping (it declares none); subscriptions hold no more, so they are on too (idle until staff offer a plan).
      expect(await featureSwitches(app)).toEqual({ projects: true, quotes: true, orders: true, subscriptions: true, organisations: false, analytics: true, licensing: false, support: true, marketing: true, configurator: false, integrations: false });
      const customer = await signedIn(app);
      await createProject(customer);
      await orderQuoteWithoutShipping(customer);
      const dashboard = (await customer.c.get('/api/me/privacy')).json<{ categories: Array<{ category: string; retention: { rule: string } | null }> }>();
      const rule = (id: string) => dashboard.categories.find((c) => c.category === id)?.retention?.rule;
      // As written in its retention section: project data 3 years after completion, contact data 2 years after the relationship.
      expect(rule('project.specifications')).toMatch(/3 years/);
      expect(rule('contact.email')).toMatch(/2 years/);
      const values = await app.services.policy.values();
      for (const [category, duration] of [['project.files', 'P3Y'], ['contact.email', 'P2Y'], ['billing.invoice', 'P7Y'], ['usage.clickstream', 'P24M']] as const) {
        expect(formatIsoDuration(values.retentionFor(category).duration), category).toBe(duration);
      }
    },
  },
};

describe.each(SEEDS)('seed %s, published unmodified on a fresh installation', (seed) => {
  beforeAll(async () => {
    app = await seedInstallation(seed);
  });
  afterAll(async () => app?.dispose());

  it('publishes its policy for people to read, and answers every public page', async () => {
    const c = createClient(app);
    for (const path of ['/privacy', '/privacy.md', '/privacy.json', '/privacy/history', '/api/features']) expect((await c.get(path)).statusCode, path).toBe(200);
    expect((await c.get('/privacy')).body).toContain((await app.services.policy.current()).manifest.operator.name);
  });

  it(WALKS[seed].title, WALKS[seed].walk);
});
