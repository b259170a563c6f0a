import { randomUUID } from 'node:crypto';
import { tablesOf, type DomainEvent, type Work } from '../../platform/unit-of-work/index.js';
import { findOrganisationOfUser } from '../orgs/index.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import * as store from './integrations.store.js';
import { recipientFor } from './system-recipient.js';
import { EVENT_TYPES, type IntegrationsTables } from './integrations.tables.js';

const isEventType = (type: string) => (EVENT_TYPES as readonly string[]).includes(type);

/**
 * The unit of work's listener: an event published in a change is recorded, in that change's
 * transaction, for each enabled connection of its subject (or of their organisation) that asked for
 * its type, and a delivery is queued for each. Only fields the registry knows are kept: those that
 * are not personal, and personal ones whose category the manifest lets one of those connections'
 * recipients receive (each delivery's hand-over checks again for its own). With no connection listening nothing is kept.
 */
export async function recordEvent(deps: IntegrationsWorkDeps, work: Work, event: DomainEvent): Promise<void> {
  if (!isEventType(event.type) || !event.subjectId) return;
  const db = tablesOf<IntegrationsTables>(work);
  const organisationId = event.organisationId ?? (await findOrganisationOfUser(work, event.subjectId))?.orgId ?? null;
  const connections = await store.subscribedConnections(db, event.type, event.subjectId, organisationId);
  if (connections.length === 0) return;

  const { manifest } = await deps.policy.inWork(work);
  // What any of the listening connections' recipients may receive; each delivery's hand-over strips the rest for its own.
  const allowed = new Set<string>(connections.flatMap((c) => recipientFor(manifest, deps.recipient, c.system).categories));
  const data: Record<string, unknown> = {};
  const categories: Record<string, string> = {};
  for (const [column, value] of Object.entries(event.record.fields)) {
    const category = deps.categoryOf(event.record.table, column);
    if (category === undefined || (category !== null && !allowed.has(category))) continue;
    data[column] = value;
    if (category !== null) categories[column] = category;
  }
  const now = deps.now();
  // Standard Webhooks: the message id stays the same over retries and replays (the receiver's idempotency key).
  const eventId = `msg_${randomUUID().replaceAll('-', '')}`;
  await store.insertEvent(db, {
    id: eventId,
    type: event.type,
    subject_id: event.subjectId,
    record_table: event.record.table,
    record_id: event.record.id,
    data: JSON.stringify(data),
    categories: JSON.stringify(categories),
    occurred_at: now,
  });
  for (const connection of connections) await queueDelivery(deps, work, { connectionId: connection.id, eventId, subjectId: event.subjectId });
}

/** A new delivery of an event to a connection, sent by the delivery job once this work commits. */
export async function queueDelivery(deps: IntegrationsWorkDeps, work: Work, input: { connectionId: string; eventId: string; subjectId: string | null }) {
  const id = randomUUID();
  const now = deps.now();
  await store.insertDelivery(tablesOf<IntegrationsTables>(work), {
    id,
    connection_id: input.connectionId,
    event_id: input.eventId,
    subject_id: input.subjectId,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_status_code: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  });
  await work.enqueue(deps.deliverJob, { deliveryId: id });
  return id;
}
