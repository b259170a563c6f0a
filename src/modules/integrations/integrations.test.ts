import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { cancelAProject, connectReceiver, deliveriesOf, deliveryRetriesDueNow, deliveryRetryDelays, integrationsManifest, startIntegrationsApp, type ConnectionView, type Receiver } from './integrations-test-support.js';
import { RETRY_SCHEDULE_SECONDS } from './deliver-event.js';
import { acceptedQuote, anAddress, placeOrder } from '../orders/orders-test-support.js';

/**
 * Connected systems, end to end: a receiver run by the test verifies every webhook with the
 * independent standardwebhooks package; it gets only what the manifest lets connected platforms
 * receive, nothing about a restricted person, retries after a failure, and a 410 disables it.
 */
let app: TestApp;
let receiver: Receiver;

beforeAll(async () => {
  ({ app, receiver } = await startIntegrationsApp());
});
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

type Connection = ConnectionView;

const connect = (user: TestUser, body: Record<string, unknown> = {}) => connectReceiver(user, receiver, body);

async function disclosuresOf(userId: string) {
  return app.db.selectFrom('disclosures').selectAll().where('subject_id', '=', userId).execute();
}

describe('outgoing webhooks', () => {
  it('signs each event so an independent Standard Webhooks implementation verifies it, with only the fields the policy allows, and logs the disclosure', async () => {
    const ada = await signedIn(app);
    const { connection, secret } = await connect(ada);
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: the list never has it.
    expect((await ada.c.get('/api/integrations/connections')).body).not.toContain(secret!);

    const before = receiver.received.length;
    const projectId = await cancelAProject(ada);
    await app.jobs.drain();
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const [hook] = got;
    expect(hook!.verified, 'verified by standardwebhooks').not.toBeNull();
    expect(hook!.headers['webhook-id']).toMatch(/^msg_/);
    expect(hook!.verified!.type).toBe('project.status_changed');
    const data = hook!.verified!.data;
    // project.specifications is declared for connected platforms; the title (project.files),
    // the status (project.messages) and the customer's account id are not, so they never leave.
    expect(data).toMatchObject({ id: projectId, process: 'FDM', material: 'PLA', quantity: 3 });
    for (const field of ['title', 'status', 'customer_id', 'promised_delivery_date']) expect(data, field).not.toHaveProperty(field);
    expect(hook!.body).not.toContain('Gearbox housing');

    const [delivery] = await deliveriesOf(ada, connection.id);
    expect(delivery).toMatchObject({ eventType: 'project.status_changed', status: 'succeeded', attempts: 1, lastStatusCode: 204 });
    const logged = await disclosuresOf(ada.id);
    expect(logged.filter((d) => d.reference === delivery!.id)).toEqual([expect.objectContaining({ recipient: 'ERP, CRM and e-commerce systems you connect', categories: ['integration.erp', 'project.specifications'] })]);
  });

  it("sends nothing about a person who restricted processing, and says so in the history", async () => {
    const bea = await signedIn(app);
    const { connection } = await connect(bea);
    expect((await bea.c.post('/api/me/restriction', { reason: 'I dispute the accuracy of my data' })).statusCode).toBe(200);
    const before = receiver.received.length;
    await cancelAProject(bea);
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before);
    const [delivery] = await deliveriesOf(bea, connection.id);
    expect(delivery).toMatchObject({ status: 'refused', attempts: 0 });
    expect(delivery!.lastError).toMatch(/restricted|Not sent/);
    expect(await disclosuresOf(bea.id)).toEqual([]);
  });

  it('retries a receiver that fails, on the schedule, until it answers', async () => {
    const cleo = await signedIn(app);
    const { connection } = await connect(cleo);
    receiver.answer(500);
    const before = receiver.received.length;
    await cancelAProject(cleo);
    await app.jobs.drain();
    let [delivery] = await deliveriesOf(cleo, connection.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(new Date(delivery!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(RETRY_SCHEDULE_SECONDS[0]).toBe(5);
    // The next attempt is queued for its time (5 s); the test lets that time pass at once.
    expect(await deliveryRetryDelays(app)).toEqual([RETRY_SCHEDULE_SECONDS[0]]);
    await deliveryRetriesDueNow(app);
    await app.jobs.drain();
    [delivery] = await deliveriesOf(cleo, connection.id);
    expect(delivery!.status).toBe('succeeded');
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 204 });
    const tries = receiver.received.slice(before);
    expect(tries).toHaveLength(2);
    // The same message id on every attempt: the receiver's idempotency key.
    expect(tries[0]!.headers['webhook-id']).toBe(tries[1]!.headers['webhook-id']);
    expect(tries.every((t) => t.verified)).toBe(true);
    // The schedule spans about three days, like Svix's.
    const total = RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total / 3600).toBeGreaterThan(60);
    expect(total / 3600).toBeLessThan(80);
  });

  it('is disabled by a 410, and replays a delivery once enabled again', async () => {
    const dan = await signedIn(app);
    const { connection } = await connect(dan);
    receiver.answer(410);
    await cancelAProject(dan);
    await app.jobs.drain();
    const [gone] = await deliveriesOf(dan, connection.id);
    expect(gone).toMatchObject({ status: 'failed', lastStatusCode: 410 });
    let listed = (await dan.c.get('/api/integrations/connections')).json<{ connections: Connection[] }>().connections;
    const disabled = listed.find((c) => c.id === connection.id);
    expect(disabled?.status).toBe('disabled');
    expect(disabled?.disabledReason).toMatch(/410/);

    // Disabled: new events are not queued for it, and a replay is refused until it is enabled.
    await cancelAProject(dan);
    await app.jobs.drain();
    expect(await deliveriesOf(dan, connection.id)).toHaveLength(1);
    expect((await dan.c.post(`/api/integrations/connections/${connection.id}/deliveries/${gone!.id}/replay`)).statusCode).toBe(409);

    expect((await dan.c.patch(`/api/integrations/connections/${connection.id}`, { enabled: true })).statusCode).toBe(200);
    const before = receiver.received.length;
    const replay = await dan.c.post(`/api/integrations/connections/${connection.id}/deliveries/${gone!.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(202);
    await app.jobs.drain();
    const [again] = receiver.received.slice(before);
    expect(again!.verified).not.toBeNull();
    expect(again!.headers['webhook-id']).toBe(gone!.eventId);
    listed = (await dan.c.get('/api/integrations/connections')).json<{ connections: Connection[] }>().connections;
    expect(listed.find((c) => c.id === connection.id)!.status).toBe('enabled');
    expect((await deliveriesOf(dan, connection.id))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('stops everything at once on disconnect: waiting deliveries are cancelled', async () => {
    const eve = await signedIn(app);
    const { connection } = await connect(eve, { system: 'ecommerce', inbound: true });
    receiver.answer(503);
    await cancelAProject(eve);
    await app.jobs.drain();
    expect((await deliveriesOf(eve, connection.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await eve.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(204);
    expect((await deliveriesOf(eve, connection.id))[0]).toMatchObject({ status: 'cancelled' });
    const row = await app.db.selectFrom('integration_connections').selectAll().where('id', '=', connection.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'disconnected', secret: null, inbound_token_hash: null });
  });

  it('keeps a connection to its owner', async () => {
    const owner = await signedIn(app);
    const other = await signedIn(app);
    const { connection } = await connect(owner);
    expect((await other.c.get(`/api/integrations/connections/${connection.id}/deliveries`)).statusCode).toBe(404);
    expect((await other.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(404);
    expect((await other.c.get('/api/integrations/connections')).json<{ connections: Connection[] }>().connections).toEqual([]);
  });
});

describe('incoming data', () => {
  const order = { externalId: 'SHOP-1001', placedAt: '2026-12-05T10:00:00Z', currency: 'eur', totalCents: 4990, customer: { name: 'Fay Buyer' }, lines: [{ sku: 'LAMP-1', name: 'Configured lamp', quantity: 1, unitPriceCents: 4990 }] };

  it('accepts an order with the connection token, tagged with its source, and refuses a forged token or a bad record', async () => {
    const fay = await signedIn(app);
    const { connection, inboundToken } = await connect(fay, { name: 'Our shop', system: 'ecommerce', url: undefined, eventTypes: [], inbound: true });
    expect(inboundToken).toBeTruthy();
    const path = new URL(connection.inboundUrl!).pathname;
    const send = (token: string | null, payload: unknown = order) => app.http.inject({ method: 'POST', url: path, headers: token ? { authorization: `Bearer ${token}` } : {}, payload: payload as Record<string, unknown> });

    for (const forged of [null, 'forged-token', `${inboundToken}x`]) {
      const refused = await send(forged);
      expect(refused.statusCode, forged ?? 'none').toBe(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await send(inboundToken, { ...order, lines: [] });
    expect(bad.statusCode).toBe(400);
    expect(await app.db.selectFrom('integration_inbound_records').selectAll().where('owner_id', '=', fay.id).execute()).toEqual([]);

    const ok = await send(inboundToken);
    expect(ok.statusCode, ok.body).toBe(202);
    expect((await send(inboundToken, { ...order, totalCents: 5990 })).statusCode).toBe(202);
    const stored = await app.db.selectFrom('integration_inbound_records').selectAll().where('owner_id', '=', fay.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'ecommerce:Our shop', kind: 'ecommerce.order', external_id: 'SHOP-1001', payload: { currency: 'EUR', totalCents: 5990 } });

    // Disconnected, the token no longer works.
    expect((await fay.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(204);
    expect((await send(inboundToken)).statusCode).toBe(401);
  });
});

describe('the SSRF guard', () => {
  it('refuses a private, loopback or link-local URL unless the operator allows them', async () => {
    const strict = await createTestApp();
    try {
      await putPolicyInForce(strict, integrationsManifest());
      const gus = await signedIn(strict);
      for (const url of [receiver.url, 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hooks', 'http://10.0.0.5/hooks', 'http://[::ffff:127.0.0.1]/x']) {
        const res = await gus.c.post('/api/integrations/connections', { name: 'Sneaky', url, eventTypes: ['project.status_changed'] });
        expect(res.statusCode, url).toBe(422);
        expect(res.json()).toMatchObject({ field: 'url' });
      }
      expect(await strict.db.selectFrom('integration_connections').selectAll().execute()).toEqual([]);
    } finally {
      await strict.dispose();
    }
  });
});

describe('order events', () => {
  it('sends order.placed with the order details the policy allows, never its addresses', async () => {
    await putPolicyInForce(app, integrationsManifest(['integration.erp', 'order.details']));
    // Earlier tests' retries still queued for later (a cancelled connection's) run first, so the
    // quote's own jobs are drained alone.
    await deliveryRetriesDueNow(app);
    await app.jobs.drain();
    expect(await app.jobs.countQueued('integrations.deliver')).toBe(0);
    try {
      const customer = await signedIn(app);
      const staff = await signedIn(app, 'staff');
      const { connection } = await connect(customer, { eventTypes: ['order.placed', 'order.status_changed'] });
      const { quoteId } = await acceptedQuote(app, customer, staff);
      const before = receiver.received.length;
      const orderId = await placeOrder(customer, quoteId, { billingAddress: anAddress });
      await app.jobs.drain();
      const [hook] = receiver.received.slice(before);
      expect(hook!.verified?.type).toBe('order.placed');
      const data = hook!.verified!.data;
      expect(data).toMatchObject({ id: orderId, status: 'pending_payment' });
      expect(typeof data.total_cents).toBe('number');
      expect(data).toHaveProperty('lines');
      for (const field of ['billing_address', 'shipping_address', 'customer_id', 'carrier', 'tracking_url']) expect(hook!.verified!.data, field).not.toHaveProperty(field);
      expect(hook!.body).not.toContain(anAddress.line1);
      expect((await deliveriesOf(customer, connection.id))[0]).toMatchObject({ eventType: 'order.placed', status: 'succeeded' });
    } finally {
      await putPolicyInForce(app, integrationsManifest());
    }
  }, 120_000);
});
