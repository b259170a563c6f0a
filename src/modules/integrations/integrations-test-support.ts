import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { createProject, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';

export const CONNECTED = 'connected_platforms';

/**
 * The default manifest (which declares the connected platforms as a recipient) with the recipient
 * given exactly `recipientCategories`: by default what is exchanged with ERP and e-commerce systems
 * (not CRMs) and project specifications, not a project's title or messages, nor orders.
 */
export function integrationsManifest(recipientCategories: string[] = ['integration.erp', 'integration.ecommerce', 'project.specifications']): string {
  return manifestVariant((doc) => {
    const recipient = doc.recipients.find((r) => r.id === CONNECTED)!;
    recipient.categories = recipientCategories;
  });
}

export type Received = { headers: IncomingHttpHeaders; body: string; verified: { type: string; timestamp: string; data: Record<string, unknown> } | null };

/**
 * A webhook receiver as a connected system runs one: it verifies each request with the independent
 * `standardwebhooks` package and the secret it was given, and answers what the test tells it to.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const holds: Array<{ arrived: () => void; until: Promise<void> }> = [];
  let secret = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      let verified: Received['verified'];
      try {
        verified = new Webhook(secret).verify(body, req.headers as Record<string, string>) as Received['verified'];
      } catch {
        verified = null;
      }
      received.push({ headers: req.headers, body, verified });
      const answer = () => void res.writeHead(answers.shift() ?? 204).end();
      const hold = holds.shift();
      if (!hold) return answer();
      hold.arrived();
      void hold.until.then(answer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** The secret the connection showed once. */
    useSecret: (s: string) => void (secret = s),
    /** The next answers, in order (then 204). */
    answer: (...statuses: number[]) => void answers.push(...statuses),
    /** A slow receiver: the next request is kept waiting for its answer until `release`. */
    holdNext: () => {
      let arrived!: () => void;
      let release!: () => void;
      const hold = { arrived: new Promise<void>((done) => (arrived = done)), until: new Promise<void>((done) => (release = done)) };
      holds.push({ arrived, until: hold.until });
      return { arrived: hold.arrived, release };
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * A test app with the integrations' policy in force and its jobs started, and a receiver. The receiver
 * listens on loopback: the operator's setting that allows private addresses is on.
 */
export async function startIntegrationsApp() {
  const app = await createTestApp({ MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' });
  await putPolicyInForce(app, integrationsManifest());
  await app.startJobs();
  const receiver = await startReceiver();
  return { app, receiver };
}
export type ConnectionView = { id: string; status: string; disabledReason: string | null; inboundUrl: string | null; organisationId: string | null; credential?: { scheme: string; header: string | null; hint: string } | null };
export type DeliveryView = { id: string; eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null };

/** Connects `receiver` for `user` (an ERP listening to project status changes unless `body` says otherwise), and tells the receiver its secret. */
export async function connectReceiver(user: TestUser, receiver: Receiver, body: Record<string, unknown> = {}) {
  const res = await user.c.post('/api/integrations/connections', { name: 'Our ERP', system: 'erp', url: receiver.url, eventTypes: ['project.status_changed'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json<{ connection: ConnectionView; secret: string | null; inboundToken: string | null }>();
  if (created.secret) receiver.useSecret(created.secret);
  return created;
}

/** A project of `user`, cancelled by them: one `project.status_changed` event. */
export async function cancelAProject(user: TestUser) {
  const id = await createProject(user);
  const res = await user.c.post(`/api/projects/${id}/status`, { status: 'cancelled' });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

/** A connection's delivery history as its manager sees it. */
export async function deliveriesOf(user: TestUser, connectionId: string) {
  const res = await user.c.get(`/api/integrations/connections/${connectionId}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ deliveries: DeliveryView[] }>().deliveries;
}

/**
 * Seconds each queued retry of a webhook delivery was put off by when it was queued. The schedule
 * waits in real time: the job queue reads the database's clock, which the test clock does not move.
 */
export async function deliveryRetryDelays(app: TestApp): Promise<number[]> {
  const { rows } = await app.database.executeSql(
    `select extract(epoch from start_after - created_on)::float8 as delay from pgboss.job where name = 'integrations.deliver.v1' and state in ('created', 'retry') order by start_after`,
  );
  return rows.map((row) => Number(row['delay']));
}

/** Makes the webhook deliveries' queued retries due now, as if their wait had passed, so a test runs them at once instead of waiting. */
export async function deliveryRetriesDueNow(app: TestApp): Promise<void> {
  await app.database.executeSql(`update pgboss.job set start_after = now() - interval '1 second' where name = 'integrations.deliver.v1' and state in ('created', 'retry') and start_after > now()`);
}
