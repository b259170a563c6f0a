import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/index.js';
import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { webhookHeaders, type WebhookOutcome } from '../../platform/webhooks/index.js';
import type { HandOverField } from '../egress/index.js';
import { credentialHeaders, signingSecretOf } from './connection-credential.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import { recipientFor } from './system-recipient.js';
import * as store from './integrations.store.js';
import type { ConnectionRow, DeliveryRow, EventRow, IntegrationsTables } from './integrations.tables.js';

/**
 * Seconds to wait after each failed attempt, like Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, then
 * 10 h at a time, about three days in all. After the last the delivery has failed (replay sends it again).
 */
export const RETRY_SCHEDULE_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600];

/** The hand-over's field for the message id (sent as `webhook-id`, not in the body). */
const EXCHANGE_FIELD = 'webhook-id';

/** Thrown inside the savepoint when nothing reached the receiver, so the disclosure it logged is undone. */
class NotSent extends Error {
  override readonly name = 'NotSent';
}

/**
 * One attempt of a delivery, in a work of its own: the event's data goes through the one way out
 * (restriction, opt-outs and the categories the manifest allows the recipient this kind of system is,
 * which must be allowed this kind's exchange; the disclosure log), is signed and sent, with the
 * connector's credential when it has one. A 2xx delivers it; a 410 disables the connection; anything
 * else waits for the next attempt of the schedule. A refusal of the hand-over sends nothing, and says why.
 */
export async function attemptDelivery(deps: IntegrationsWorkDeps, deliveryId: string): Promise<void> {
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<IntegrationsTables>(work);
    const delivery = await store.findDelivery(db, deliveryId, { lock: true });
    if (!delivery || delivery.status !== 'pending') return;
    const connection = await store.findConnection(db, delivery.connection_id);
    const now = deps.now();
    if (!connection || connection.status !== 'enabled' || !connection.url || !connection.secret) {
      await store.updateDelivery(db, delivery.id, { status: 'cancelled', next_attempt_at: null, last_error: 'the connection is disabled or disconnected', updated_at: now });
      return;
    }
    const event = await store.findEvent(db, delivery.event_id);
    if (!event) return;
    const sent = await send(deps, work, connection, delivery, event, now);
    if (sent.refused !== undefined) {
      await store.updateDelivery(db, delivery.id, { status: 'refused', next_attempt_at: null, last_error: sent.refused, updated_at: now });
      return;
    }
    await settle(deps, work, connection, delivery, sent.outcome, sent.disclosureId, now);
  });
}

type Sent = { refused: string; outcome?: undefined; disclosureId?: undefined } | { refused?: undefined; outcome: WebhookOutcome; disclosureId: string | null };

async function send(deps: IntegrationsWorkDeps, work: Work, connection: ConnectionRow, delivery: DeliveryRow, event: EventRow, now: Date): Promise<Sent> {
  const { manifest } = await deps.policy.inWork(work);
  const recipient = recipientFor(manifest, deps.recipient, connection.system);
  const personal: Record<string, HandOverField> = {};
  const plain: Record<string, unknown> = {};
  // The message itself is data exchanged with this kind of system: a recipient not allowed it gets nothing.
  if (recipient.exchange) personal[EXCHANGE_FIELD] = { category: recipient.exchange, value: event.id };
  for (const [field, value] of Object.entries(event.data)) {
    const category = event.categories[field];
    if (category) personal[field] = { category, value, optional: true };
    else plain[field] = value;
  }
  let outcome: WebhookOutcome | null = null;
  let disclosureId: string | null = null;
  try {
    await work.savepoint('integrations-delivery', async () => {
      const out = await deps.egress.handOver(work, { recipient: recipient.id, processing: 'integrations', subjectId: delivery.subject_id, data: personal, reference: delivery.id });
      const { [EXCHANGE_FIELD]: _messageId, ...released } = out.data;
      const body = JSON.stringify({ type: event.type, timestamp: event.occurred_at.toISOString(), data: { ...plain, ...released } });
      outcome = await deps.webhooks.send({ url: connection.url!, headers: { ...credentialHeaders(deps, connection), ...webhookHeaders(signingSecretOf(deps, connection.secret!), event.id, now, body) }, body });
      if (!outcome.reached) throw new NotSent(outcome.error);
      disclosureId = out.id;
    });
  } catch (error) {
    if (!(error instanceof NotSent)) {
      const refusal = error instanceof AppError ? error.details.refusal : undefined;
      if (typeof refusal !== 'string') throw error;
      await work.audit({ action: 'integrations.delivery_refused', subjectId: delivery.subject_id, target: { type: 'integration_delivery', id: delivery.id }, details: { refusal } });
      return { refused: `Not sent: ${error instanceof AppError ? error.message : refusal}` };
    }
  }
  return { outcome: outcome!, disclosureId };
}

async function settle(deps: IntegrationsWorkDeps, work: Work, connection: ConnectionRow, delivery: DeliveryRow, outcome: WebhookOutcome, disclosureId: string | null, now: Date) {
  const db = tablesOf<IntegrationsTables>(work);
  const status = outcome.reached ? outcome.status : null;
  const error = status !== null && status >= 200 && status < 300 ? null : status !== null ? `the receiver answered ${status}` : 'error' in outcome ? outcome.error : null;
  const attempts = delivery.attempts + 1;
  await store.insertAttempt(db, { id: randomUUID(), delivery_id: delivery.id, attempted_at: now, status_code: status, error, disclosure_id: disclosureId });
  const common = { attempts, last_status_code: status, last_error: error, updated_at: now };
  if (error === null) {
    await store.updateDelivery(db, delivery.id, { ...common, status: 'succeeded', next_attempt_at: null });
  } else if (status === 410) {
    // Standard Webhooks: 410 Gone is the receiver saying it wants no more.
    await store.updateDelivery(db, delivery.id, { ...common, status: 'failed', next_attempt_at: null });
    await store.updateConnection(db, connection.id, { status: 'disabled', disabled_reason: 'The receiver answered 410 Gone: it wants no more events. Enable the connection again once it does.', updated_at: now });
    await store.cancelPendingDeliveries(db, connection.id, now, 'the connection was disabled (410 Gone)');
    await work.audit({ action: 'integrations.disabled', subjectId: connection.owner_id, target: { type: 'integration_connection', id: connection.id }, details: { statusCode: 410 } });
  } else {
    const delay = RETRY_SCHEDULE_SECONDS[attempts - 1];
    if (delay === undefined) {
      await store.updateDelivery(db, delivery.id, { ...common, status: 'failed', next_attempt_at: null });
    } else {
      await store.updateDelivery(db, delivery.id, { ...common, next_attempt_at: new Date(now.getTime() + delay * 1000) });
      await work.enqueue(deps.deliverJob, { deliveryId: delivery.id }, { startAfter: delay });
    }
  }
}
