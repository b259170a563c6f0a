import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/index.js';
import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { webhookHeaders, type WebhookRequest } from '../../platform/webhooks/index.js';
import type { HandOverField } from '../egress/index.js';
import { credentialHeaders, signingSecretOf } from './connection-credential.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import * as store from './integrations.store.js';
import type { ConnectionRow, DeliveryRow, EventRow, IntegrationsTables } from './integrations.tables.js';
import { recipientFor } from './system-recipient.js';

/** The hand-over's field for the message id (sent as `webhook-id`, not in the body). */
const EXCHANGE_FIELD = 'webhook-id';

/** Beyond the client's own timeout, how long a claim lasts before its attempt counts as interrupted. */
const CLAIM_MARGIN_MS = 60_000;

/** What an interrupted attempt's row says: nobody knows whether it arrived, so the retry carries the same webhook-id. */
export const INTERRUPTED = 'the attempt was interrupted before its answer was recorded; it is sent again with the same webhook-id';

/** An attempt claimed and ready to go: what to send, and what to record its answer against. */
export type ClaimedAttempt = { deliveryId: string; attemptId: string; disclosureId: string; subjectId: string | null; request: WebhookRequest };

/**
 * The first short transaction of an attempt: the delivery is locked only long enough to see that it is
 * due and not already being sent, to check the hand-over and log it (before anything leaves, so a crash
 * while sending cannot lose it), and to claim it for this attempt until the client's timeout has passed.
 * A claim found past its time is an attempt a crash interrupted: it is recorded as such and sent again.
 * Null when there is nothing to send now (not pending, claimed by another worker, cancelled or refused).
 */
export async function claimDelivery(deps: IntegrationsWorkDeps, deliveryId: string): Promise<ClaimedAttempt | null> {
  return deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<IntegrationsTables>(work);
    const found = await store.findDelivery(db, deliveryId, { lock: true });
    const now = deps.now();
    if (!found || found.status !== 'pending') return null;
    if (found.sending_until !== null && found.sending_until > now) {
      // Sent by another worker now. Should it die before recording the answer, this job comes back when its claim runs out.
      await work.enqueue(deps.deliverJob, { deliveryId }, { startAfter: Math.ceil((found.sending_until.getTime() - now.getTime()) / 1000) });
      return null;
    }
    const delivery = await closeInterrupted(work, found, now);
    const connection = await store.findConnection(db, delivery.connection_id);
    if (!connection || connection.status !== 'enabled' || !connection.url || !connection.secret) {
      await store.updateDelivery(db, delivery.id, { status: 'cancelled', next_attempt_at: null, last_error: 'the connection is disabled or disconnected', updated_at: now });
      return null;
    }
    const event = await store.findEvent(db, delivery.event_id);
    if (!event) return null;
    const prepared = await prepare(deps, work, connection, delivery, event, now);
    if ('refused' in prepared) {
      await store.updateDelivery(db, delivery.id, { status: 'refused', next_attempt_at: null, last_error: prepared.refused, updated_at: now });
      return null;
    }
    const attemptId = randomUUID();
    await store.insertAttempt(db, { id: attemptId, delivery_id: delivery.id, attempted_at: now, status_code: null, error: null, disclosure_id: prepared.disclosureId });
    await store.updateDelivery(db, delivery.id, { sending_attempt_id: attemptId, sending_until: new Date(now.getTime() + deps.webhooks.timeoutMs + CLAIM_MARGIN_MS), updated_at: now });
    return { deliveryId: delivery.id, attemptId, disclosureId: prepared.disclosureId, subjectId: delivery.subject_id, request: prepared.request };
  });
}

/** An attempt whose claim ran out without an answer: counted, marked unknown, and its disclosure kept (it may have arrived). */
async function closeInterrupted(work: Work, delivery: DeliveryRow, now: Date): Promise<DeliveryRow> {
  if (delivery.sending_attempt_id === null) return delivery;
  const db = tablesOf<IntegrationsTables>(work);
  await store.updateAttempt(db, delivery.sending_attempt_id, { error: INTERRUPTED });
  const change = { attempts: delivery.attempts + 1, last_status_code: null, last_error: INTERRUPTED, sending_attempt_id: null, sending_until: null, updated_at: now };
  await store.updateDelivery(db, delivery.id, change);
  return { ...delivery, ...change };
}

type Prepared = { refused: string } | { request: WebhookRequest; disclosureId: string };

/**
 * The event's data through the one way out (restriction, opt-outs and the categories the manifest
 * allows the recipient this kind of system is, which must be allowed this kind's exchange; the
 * disclosure log), signed, with the connector's credential when it has one. A refusal logs nothing and says why.
 */
async function prepare(deps: IntegrationsWorkDeps, work: Work, connection: ConnectionRow, delivery: DeliveryRow, event: EventRow, now: Date): Promise<Prepared> {
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
  try {
    const out = await work.savepoint('integrations-delivery', () =>
      deps.egress.handOver(work, { recipient: recipient.id, processing: 'integrations', subjectId: delivery.subject_id, data: personal, reference: delivery.id }),
    );
    const { [EXCHANGE_FIELD]: _messageId, ...released } = out.data;
    const body = JSON.stringify({ type: event.type, timestamp: event.occurred_at.toISOString(), data: { ...plain, ...released } });
    // Standard Webhooks: the id is the event's, the same on every attempt and replay (the receiver's idempotency key).
    const headers = { ...credentialHeaders(deps, connection), ...webhookHeaders(signingSecretOf(deps, connection.secret!), event.id, now, body) };
    return { request: { url: connection.url!, headers, body }, disclosureId: out.id };
  } catch (error) {
    const refusal = error instanceof AppError ? error.details.refusal : undefined;
    if (typeof refusal !== 'string') throw error;
    await work.audit({ action: 'integrations.delivery_refused', subjectId: delivery.subject_id, target: { type: 'integration_delivery', id: delivery.id }, details: { refusal } });
    return { refused: `Not sent: ${error instanceof AppError ? error.message : refusal}` };
  }
}
