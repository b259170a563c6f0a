import { sql, type Kysely } from 'kysely';

/**
 * Campaigns (one purpose, topic and channel each; a Markdown body) and their delivery log: who was
 * reached, once per campaign (the primary key), so a resumed sending job never reaches anyone twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table marketing_campaigns (
      id uuid primary key,
      purpose_id text not null,
      topic text not null,
      channel text not null check (channel in ('email', 'sms', 'phone', 'post', 'in_app')),
      subject text not null,
      body_markdown text not null,
      status text not null check (status in ('draft', 'sending', 'sent')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      cursor_user_id uuid,
      examined integer not null default 0,
      reached integer not null default 0,
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`
    create table marketing_deliveries (
      campaign_id uuid not null references marketing_campaigns (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      -- Empty where the policy does not declare marketing interactions (then no row is written at all).
      channel text,
      outcome text check (outcome in ('sent', 'failed')),
      delivered_at timestamptz,
      primary key (campaign_id, user_id)
    )`.execute(db);
  await sql`create index marketing_deliveries_user on marketing_deliveries (user_id)`.execute(db);
  await sql`create index marketing_deliveries_time on marketing_deliveries (delivered_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table marketing_deliveries`.execute(db);
  await sql`drop table marketing_campaigns`.execute(db);
}
