import { sql, type Kysely } from 'kysely';

/**
 * First-party analytics: page views, features used and session durations, stored only with the
 * visitor's or person's analytics consent. No raw IP address: at most a hash under a salt that
 * changes every day, and only where the policy declares IP addresses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_events (
      id uuid primary key,
      user_id uuid references users (id) on delete cascade,
      visitor_id text,
      session_id text not null,
      kind text not null check (kind in ('page_view', 'feature', 'session_end')),
      path text not null,
      feature text,
      referrer text,
      duration_ms integer,
      ip_hash text,
      occurred_at timestamptz not null
    )`.execute(db);
  await sql`create index analytics_events_time on analytics_events (occurred_at)`.execute(db);
  await sql`create index analytics_events_user on analytics_events (user_id) where user_id is not null`.execute(db);
  await sql`create index analytics_events_visitor on analytics_events (visitor_id) where visitor_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analytics_events`.execute(db);
}
