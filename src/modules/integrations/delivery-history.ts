import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { requireConnection } from './connection-access.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import { integrationsErrors } from './integrations.errors.js';
import type { TDelivery } from './integrations.schema.js';
import * as store from './integrations.store.js';
import type { IntegrationsTables } from './integrations.tables.js';
import { queueDelivery } from './record-event.js';

const HISTORY_LENGTH = 100;

/** A connection's latest deliveries, newest first: what was sent, whether it arrived, and when it is tried next. */
export async function listDeliveries(deps: IntegrationsWorkDeps, principal: Principal, connectionId: string, ctx: RequestContext): Promise<TDelivery[]> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    await requireConnection(work, principal, connectionId);
    const rows = await store.listDeliveries(tablesOf<IntegrationsTables>(work), connectionId, HISTORY_LENGTH);
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.type,
      occurredAt: r.occurred_at,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: r.created_at,
    }));
  });
}

/**
 * Sends an event of the history again, as a new delivery with the same message id (the receiver's
 * idempotency key), through the same checks: the policy and the person's restriction as they are now.
 */
export async function replayDelivery(deps: IntegrationsWorkDeps, principal: Principal, connectionId: string, deliveryId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const connection = await requireConnection(work, principal, connectionId, { lock: true });
    if (connection.status === 'disconnected') throw integrationsErrors.disconnected();
    if (connection.status !== 'enabled') throw integrationsErrors.notEnabled();
    if (!connection.url) throw integrationsErrors.noUrl();
    const delivery = await store.findDelivery(tablesOf<IntegrationsTables>(work), deliveryId);
    if (delivery?.connection_id !== connectionId) throw integrationsErrors.deliveryNotFound();
    const id = await queueDelivery(deps, work, { connectionId, eventId: delivery.event_id, subjectId: delivery.subject_id });
    await work.audit({ action: 'integrations.replayed', subjectId: delivery.subject_id, target: { type: 'integration_delivery', id }, details: { replayOf: delivery.id, connectionId } });
    return { id };
  });
}
