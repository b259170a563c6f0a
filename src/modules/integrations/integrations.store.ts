import { sql, type Insertable, type Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { IntegrationsTables } from './integrations.tables.js';

type Db = Queryable<IntegrationsTables>;
type T = IntegrationsTables;

export async function insertConnection(db: Db, row: Insertable<T['integration_connections']>) {
  await db.insertInto('integration_connections').values(row).execute();
}

export async function findConnection(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let query = db.selectFrom('integration_connections').selectAll().where('id', '=', id);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A person's own connections and those of the organisation they administer, newest first. */
export async function listConnections(db: Db, ownerId: string, organisationId: string | null) {
  return db
    .selectFrom('integration_connections')
    .selectAll()
    .where((eb) => (organisationId ? eb.or([eb('owner_id', '=', ownerId), eb('organisation_id', '=', organisationId)]) : eb('owner_id', '=', ownerId)))
    .orderBy('created_at', 'desc')
    .execute();
}

export async function updateConnection(db: Db, id: string, change: Updateable<T['integration_connections']>) {
  await db.updateTable('integration_connections').set(change).where('id', '=', id).execute();
}

/** A page of the connections holding a sealed secret or credential, by id, for a key rotation. */
export async function connectionSecretsAfter(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('integration_connections')
    .select(['id', 'secret', 'credential_sealed'])
    .where('id', '>', afterId)
    .where((eb) => eb.or([eb('secret', 'is not', null), eb('credential_sealed', 'is not', null)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Replaces a connection's sealed values only if they are still those read (a change meanwhile wins). */
export async function replaceSealed(db: Db, row: { id: string; secret: string | null; credential_sealed: string | null }, next: { secret: string | null; credential_sealed: string | null }) {
  await db
    .updateTable('integration_connections')
    .set(next)
    .where('id', '=', row.id)
    .where((eb) => (row.secret === null ? eb('secret', 'is', null) : eb('secret', '=', row.secret)))
    .where((eb) => (row.credential_sealed === null ? eb('credential_sealed', 'is', null) : eb('credential_sealed', '=', row.credential_sealed)))
    .execute();
}

/** The enabled connections with a URL that asked for this event type: the subject's own, and their organisation's. */
export async function subscribedConnections(db: Db, type: string, subjectId: string, organisationId: string | null) {
  return db
    .selectFrom('integration_connections')
    .selectAll()
    .where('status', '=', 'enabled')
    .where('url', 'is not', null)
    .where(sql<boolean>`event_types @> ${JSON.stringify([type])}::jsonb`)
    .where((eb) => (organisationId ? eb.or([eb('owner_id', '=', subjectId), eb('organisation_id', '=', organisationId)]) : eb('owner_id', '=', subjectId)))
    .execute();
}

export async function insertEvent(db: Db, row: Insertable<T['integration_events']>) {
  await db.insertInto('integration_events').values(row).execute();
}

export async function findEvent(db: Db, id: string) {
  return db.selectFrom('integration_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDelivery(db: Db, row: Insertable<T['integration_deliveries']>) {
  await db.insertInto('integration_deliveries').values(row).execute();
}

export async function findDelivery(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let query = db.selectFrom('integration_deliveries').selectAll().where('id', '=', id);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateDelivery(db: Db, id: string, change: Updateable<T['integration_deliveries']>) {
  await db.updateTable('integration_deliveries').set(change).where('id', '=', id).execute();
}

/** Stops every delivery of a connection still waiting to go (a disconnect). */
export async function cancelPendingDeliveries(db: Db, connectionId: string, now: Date, reason: string) {
  await db
    .updateTable('integration_deliveries')
    .set({ status: 'cancelled', next_attempt_at: null, last_error: reason, updated_at: now })
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'pending')
    .execute();
}

/** A connection's delivery history, newest first, with each event's type and time. */
export async function listDeliveries(db: Db, connectionId: string, limit: number) {
  return db
    .selectFrom('integration_deliveries as d')
    .innerJoin('integration_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.event_id', 'e.type', 'e.occurred_at', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_status_code', 'd.last_error', 'd.created_at'])
    .where('d.connection_id', '=', connectionId)
    .orderBy('d.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertAttempt(db: Db, row: Insertable<T['integration_attempts']>) {
  await db.insertInto('integration_attempts').values(row).execute();
}

export async function updateAttempt(db: Db, id: string, change: Updateable<T['integration_attempts']>) {
  await db.updateTable('integration_attempts').set(change).where('id', '=', id).execute();
}

/** Stores a record a connected system sent; the same record sent again replaces the earlier copy. */
export async function upsertInboundRecord(db: Db, row: Insertable<T['integration_inbound_records']>) {
  return db
    .insertInto('integration_inbound_records')
    .values(row)
    .onConflict((oc) => oc.columns(['connection_id', 'kind', 'external_id']).doUpdateSet({ payload: row.payload, received_at: row.received_at, source: row.source }))
    .returning(['id'])
    .executeTakeFirstOrThrow();
}
