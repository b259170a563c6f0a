import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { integrationsManifest, startReceiver } from './integrations-test-support.js';

/** Connections, their events, deliveries and attempts, and the records received are the person's: exported and erased by the registry walkers. */
let app: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let hal: TestUser;
let ida: TestUser;
let secret = '';
let token = '';

const count = async (query: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(app.db)).rows[0]?.n);

async function connectAndUse(user: TestUser, shop: string) {
  const res = await user.c.post('/api/integrations/connections', { name: shop, system: 'ecommerce', url: receiver.url, eventTypes: ['project.status_changed'], inbound: true });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json<{ connection: { id: string; inboundUrl: string }; secret: string; inboundToken: string }>();
  receiver.useSecret(created.secret);
  const id = await createProject(user);
  expect((await user.c.post(`/api/projects/${id}/status`, { status: 'cancelled' })).statusCode).toBe(200);
  const order = { externalId: `${shop}-1`, placedAt: '2026-12-05T10:00:00Z', currency: 'EUR', totalCents: 100, lines: [{ name: `Lamp from ${shop}`, quantity: 1, unitPriceCents: 100 }] };
  const sent = await app.http.inject({ method: 'POST', url: new URL(created.connection.inboundUrl).pathname, headers: { authorization: `Bearer ${created.inboundToken}` }, payload: order });
  expect(sent.statusCode, sent.body).toBe(202);
  // Delivered now, while the receiver holds this connection's secret.
  expect((await app.jobs.drain()).failed).toEqual([]);
  return created;
}

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' });
  await putPolicyInForce(app, integrationsManifest());
  await app.startJobs();
  receiver = await startReceiver();
  hal = await signedIn(app);
  ida = await signedIn(app);
  ({ secret, inboundToken: token } = await connectAndUse(hal, 'Hal shop'));
  await connectAndUse(ida, 'Ida shop');
  expect(receiver.received.filter((r) => r.verified)).toHaveLength(2);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

describe('integrations and the data rights', () => {
  it("puts the person's connections, deliveries and received records in their export, without secrets", async () => {
    const res = await hal.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    const exportId = res.json<{ id: string }>().id;
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: hal.email });
    const link = /\/account\/exports\/[\w-]+\?token=([\w.-]+)/.exec(message?.body_text ?? '')?.[1];
    const download = await hal.c.get(`/api/exports/${exportId}/download?token=${link}`);
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    const connections = zip.get('tables/integration_connections.csv')?.toString() ?? '';
    expect(connections).toContain('Hal shop');
    expect(connections).not.toContain('Ida shop');
    expect(connections).not.toContain(secret);
    expect(zip.get('tables/integration_deliveries.csv')?.toString()).toContain('succeeded');
    expect(zip.get('tables/integration_events.csv')?.toString()).toContain('project.status_changed');
    expect(zip.get('tables/integration_attempts.csv')?.toString()).toContain('204');
    const inbound = zip.get('tables/integration_inbound_records.csv')?.toString() ?? '';
    expect(inbound).toContain('Lamp from Hal shop');
    expect(inbound).not.toContain(token);
  });

  it('erases them with the person, and leaves the others', async () => {
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, hal.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    for (const table of ['integration_connections where owner_id', 'integration_events where subject_id', 'integration_deliveries where subject_id', 'integration_inbound_records where owner_id']) {
      expect(await count(`${table} = '${hal.id}'`), table).toBe(0);
    }
    expect(await count(`integration_attempts a join integration_deliveries d on d.id = a.delivery_id where d.subject_id = '${ida.id}'`)).toBe(1);
    expect(await count(`integration_connections where owner_id = '${ida.id}'`)).toBe(1);
  });
});
