import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { WebhookOutcome } from '../../platform/webhooks/index.js';
import { claimDelivery, type ClaimedAttempt } from './claim-delivery.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import * as store from './integrations.store.js';
import type { ConnectionRow, DeliveryRow, IntegrationsTables } from './integrations.tables.js';

/**
 * Seconds to wait after each failed attempt, like Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, then
 * 10 h at a time, about three days in all. After the last the delivery has failed (replay sends it again).
 */
export const RETRY_SCHEDULE_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600, 10 * 3600];

/**
 * One attempt of a delivery in three steps, so a slow receiver holds no transaction, lock or pooled
 * connection while it takes its time: a short transaction claims the delivery and logs the hand-over
 * (claim-delivery.ts); the call is made outside any transaction; a second short transaction records
 * the answer. A 2xx delivers it; a 410 disables the connection; anything else waits for the next
 * attempt of the schedule. A process that dies between the two leaves a claim that runs out: the job's
 * retry then sends it again, with the same webhook-id for the receiver to drop the duplicate.
 */
export async function attemptDelivery(deps: IntegrationsWorkDeps, deliveryId: string): Promise<void> {
  const claimed = await claimDelivery(deps, deliveryId);
  if (!claimed) return;
  const outcome = await deps.webhooks.send(claimed.request);
  await recordOutcome(deps, claimed, outcome);
}

/**
 * The second short transaction: the attempt's answer. Nothing reached the receiver: the hand-over
 * logged before sending is withdrawn. A delivery cancelled meanwhile (a disconnect), or claimed again
 * by another worker after this claim ran out, keeps its state: only this attempt's row is written.
 */
async function recordOutcome(deps: IntegrationsWorkDeps, claimed: ClaimedAttempt, outcome: WebhookOutcome): Promise<void> {
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<IntegrationsTables>(work);
    const delivery = await store.findDelivery(db, claimed.deliveryId, { lock: true });
    const status = outcome.reached ? outcome.status : null;
    const error = status !== null && status >= 200 && status < 300 ? null : status !== null ? `the receiver answered ${status}` : 'error' in outcome ? outcome.error : null;
    if (!outcome.reached) await deps.egress.withdrawHandOver(work, { id: claimed.disclosureId, subjectId: claimed.subjectId, reason: 'nothing reached the receiver' });
    await store.updateAttempt(db, claimed.attemptId, { status_code: status, error, disclosure_id: outcome.reached ? claimed.disclosureId : null });
    if (!delivery || delivery.sending_attempt_id !== claimed.attemptId) return;
    const now = deps.now();
    if (delivery.status !== 'pending') {
      await store.updateDelivery(db, delivery.id, { sending_attempt_id: null, sending_until: null, updated_at: now });
      return;
    }
    const connection = await store.findConnection(db, delivery.connection_id);
    await settle(deps, work, connection, delivery, status, error, now);
  });
}

async function settle(deps: IntegrationsWorkDeps, work: Work, connection: ConnectionRow | undefined, delivery: DeliveryRow, status: number | null, error: string | null, now: Date) {
  const db = tablesOf<IntegrationsTables>(work);
  const attempts = delivery.attempts + 1;
  const common = { attempts, last_status_code: status, last_error: error, sending_attempt_id: null, sending_until: null, updated_at: now };
  if (error === null) {
    await store.updateDelivery(db, delivery.id, { ...common, status: 'succeeded', next_attempt_at: null });
  } else if (status === 410 && connection) {
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
