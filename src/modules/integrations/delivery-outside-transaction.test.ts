import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKeys, openSecret, type MasterKeyRing } from '../../platform/crypto/index.js';
import { createWebhookClient, type WebhookClient } from '../../platform/webhooks/index.js';
import { signedIn } from '../../test-support/builders.js';
import type { TestApp } from '../../test-support/test-app.js';
import { INTERRUPTED } from './claim-delivery.js';
import { attemptDelivery } from './deliver-event.js';
import { createIntegrationsDeps } from './integrations.jobs.js';
import { cancelAProject, connectReceiver, startIntegrationsApp, type Receiver } from './integrations-test-support.js';

/**
 * A webhook's call is made outside any transaction: a slow receiver holds no lock or pooled connection
 * while it takes its time, and a process that dies between the call and recording its answer leaves a
 * claim that runs out, after which the delivery is sent again with the same webhook-id (never lost).
 */
let app: TestApp;
let receiver: Receiver;
let masterKeys: MasterKeyRing;

beforeAll(async () => {
  ({ app, receiver } = await startIntegrationsApp());
  masterKeys = await loadOrCreateMasterKeys({ dataDir: app.config.dataDir, configuredKeys: app.config.masterKeyBase64 });
});
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

const realClient = () => createWebhookClient({ allowPrivateAddresses: true, timeoutMs: app.config.integrations.timeoutMs });

/** The module's delivery deps on the test app, with the webhook client the test chooses. */
function deliveryDeps(webhooks: WebhookClient) {
  const unused = () => {
    throw new Error('not used by a delivery');
  };
  return createIntegrationsDeps({
    db: app.db,
    uow: app.uow,
    now: app.clock.now,
    publicUrl: app.config.publicUrl,
    policy: app.services.policy,
    egress: app.services.egress,
    webhooks,
    recipient: app.config.integrations.recipient,
    // A delivery opens the connection's sealed signing secret, under the app's own master keys.
    credentials: { seal: unused, open: (sealed) => openSecret(sealed, masterKeys), reseal: unused },
    categoryOf: () => undefined,
  });
}

const deliveryOf = (connectionId: string) => app.db.selectFrom('integration_deliveries').selectAll().where('connection_id', '=', connectionId).executeTakeFirstOrThrow();
const attemptsOf = (deliveryId: string) => app.db.selectFrom('integration_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempted_at').execute();
const disclosuresOf = (userId: string) => app.db.selectFrom('disclosures').selectAll().where('subject_id', '=', userId).execute();

describe('a webhook delivery', () => {
  it('holds no transaction while a slow receiver takes its time: its owner disconnects meanwhile', async () => {
    const ada = await signedIn(app);
    const { connection } = await connectReceiver(ada, receiver);
    const slow = receiver.holdNext();
    await cancelAProject(ada);
    const sending = app.jobs.drain();
    await slow.arrived;
    // The receiver has the request and has not answered. The disconnect writes the same delivery row
    // (cancelling it) and the connection's: it goes through now, not when the receiver answers or the call times out.
    expect((await ada.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(204);
    const during = await deliveryOf(connection.id);
    expect(during).toMatchObject({ status: 'cancelled', attempts: 0, sending_attempt_id: expect.any(String) as unknown });
    slow.release();
    await sending;

    // The disconnect stands; the attempt, which did arrive, is recorded with its answer and its disclosure.
    expect(await deliveryOf(connection.id)).toMatchObject({ status: 'cancelled', sending_attempt_id: null, sending_until: null });
    const [attempt, ...more] = await attemptsOf(during.id);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ status_code: 204, error: null });
    expect((await disclosuresOf(ada.id)).map((d) => d.id)).toEqual([attempt!.disclosure_id]);
  });

  it('is sent again with the same webhook-id, not lost, when the process dies between the call and recording its answer', async () => {
    const bo = await signedIn(app);
    const { connection } = await connectReceiver(bo, receiver);
    await cancelAProject(bo);
    const delivery = await deliveryOf(connection.id);
    const before = receiver.received.length;

    // The receiver gets the webhook; the sender dies before its second transaction.
    const real = realClient();
    const dying: WebhookClient = { ...real, send: async (request) => (await real.send(request), Promise.reject(new Error('the process died'))) };
    await expect(attemptDelivery(deliveryDeps(dying), delivery.id)).rejects.toThrow('the process died');
    expect(receiver.received.length).toBe(before + 1);
    expect(await deliveryOf(connection.id)).toMatchObject({ status: 'pending', attempts: 0, sending_attempt_id: expect.any(String) as unknown });
    // What left is in the person's disclosure log already: it was logged before the call.
    expect(await disclosuresOf(bo.id)).toHaveLength(1);

    // The delivery's queued job runs while the claim holds: it sends nothing, and comes back when the claim runs out.
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before + 1);
    const { rows } = await app.database.executeSql(
      `select count(*)::int as count from pgboss.job where name = 'integrations.deliver.v1' and data->>'deliveryId' = $1 and state = 'created' and start_after > now()`,
      [delivery.id],
    );
    expect(rows[0]!['count']).toBe(1);

    // The claim runs out: the next run counts the interrupted attempt and sends again, with the same webhook-id.
    app.clock.advance(app.config.integrations.timeoutMs + 120_000);
    await attemptDelivery(deliveryDeps(realClient()), delivery.id);
    const tries = receiver.received.slice(before);
    expect(tries).toHaveLength(2);
    expect(tries.every((t) => t.verified)).toBe(true);
    expect(tries[1]!.headers['webhook-id']).toBe(tries[0]!.headers['webhook-id']);
    expect(await deliveryOf(connection.id)).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 204, sending_attempt_id: null, sending_until: null });
    const attempts = await attemptsOf(delivery.id);
    expect(attempts).toMatchObject([
      { status_code: null, error: INTERRUPTED },
      { status_code: 204, error: null },
    ]);
    // Both may have arrived, so both stay in the disclosure log.
    expect((await disclosuresOf(bo.id)).map((d) => d.id).sort()).toEqual(attempts.map((a) => a.disclosure_id).sort());
  });

  it('withdraws the hand-over it logged when nothing reached the receiver, and tries again later', async () => {
    const cy = await signedIn(app);
    const { connection } = await connectReceiver(cy, receiver);
    await cancelAProject(cy);
    const delivery = await deliveryOf(connection.id);
    const unreachable: WebhookClient = { ...realClient(), send: () => Promise.resolve({ reached: false, error: 'connect ECONNREFUSED', refused: false }) };
    await attemptDelivery(deliveryDeps(unreachable), delivery.id);
    expect(await deliveryOf(connection.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'connect ECONNREFUSED', sending_attempt_id: null });
    expect(await attemptsOf(delivery.id)).toMatchObject([{ status_code: null, error: 'connect ECONNREFUSED', disclosure_id: null }]);
    expect(await disclosuresOf(cy.id)).toEqual([]);
    const audit = await app.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', cy.id).where('action', 'like', 'egress.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['egress.handed_over', 'egress.hand_over_withdrawn']);
  });
});
