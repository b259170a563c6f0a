import { sql, type Kysely } from 'kysely';

/**
 * Connected systems: a connection's outgoing webhook (URL, event types, signing secret) and incoming
 * token; the events recorded for them, each delivery and its attempts; and the records they sent in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table integration_connections (
      id uuid primary key,
      owner_id uuid not null references users (id) on delete cascade,
      organisation_id uuid,
      name text not null,
      system text not null check (system in ('webhook', 'erp', 'crm', 'ecommerce')),
      url text,
      event_types jsonb not null,
      secret text,
      inbound_token_hash text,
      status text not null check (status in ('enabled', 'disabled', 'disconnected')),
      disabled_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index integration_connections_owner on integration_connections (owner_id)`.execute(db);
  await sql`create index integration_connections_org on integration_connections (organisation_id) where organisation_id is not null`.execute(db);
  await sql`
    create table integration_events (
      id text primary key,
      type text not null,
      subject_id uuid references users (id) on delete cascade,
      record_table text not null,
      record_id text not null,
      data jsonb not null,
      categories jsonb not null,
      occurred_at timestamptz not null
    )`.execute(db);
  await sql`create index integration_events_subject on integration_events (subject_id)`.execute(db);
  await sql`
    create table integration_deliveries (
      id uuid primary key,
      connection_id uuid not null references integration_connections (id) on delete cascade,
      event_id text not null references integration_events (id) on delete cascade,
      subject_id uuid references users (id) on delete cascade,
      status text not null check (status in ('pending', 'succeeded', 'failed', 'refused', 'cancelled')),
      attempts integer not null,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index integration_deliveries_connection on integration_deliveries (connection_id, created_at desc)`.execute(db);
  await sql`create index integration_deliveries_event on integration_deliveries (event_id)`.execute(db);
  await sql`create index integration_deliveries_subject on integration_deliveries (subject_id)`.execute(db);
  await sql`
    create table integration_attempts (
      id uuid primary key,
      delivery_id uuid not null references integration_deliveries (id) on delete cascade,
      attempted_at timestamptz not null,
      status_code integer,
      error text,
      disclosure_id uuid
    )`.execute(db);
  await sql`create index integration_attempts_delivery on integration_attempts (delivery_id, attempted_at)`.execute(db);
  await sql`
    create table integration_inbound_records (
      id uuid primary key,
      connection_id uuid not null references integration_connections (id) on delete cascade,
      owner_id uuid not null references users (id) on delete cascade,
      source text not null,
      kind text not null,
      external_id text not null,
      payload jsonb not null,
      received_at timestamptz not null,
      unique (connection_id, kind, external_id)
    )`.execute(db);
  await sql`create index integration_inbound_owner on integration_inbound_records (owner_id)`.execute(db);
}
