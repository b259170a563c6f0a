import { sql, type Kysely } from 'kysely';

/**
 * Consent records: each decision (given, refused, withdrawn) about one scope (a cookie category, a
 * consent-based purpose, or the sale/sharing opt-out) by a person or an anonymous visitor, with the
 * policy version and notice shown. Append-only in use: a change is a new row, the newest one counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent_records (
      id uuid primary key,
      -- The order decisions were written in: the newest counts, even within one clock tick.
      seq bigint generated always as identity unique,
      user_id uuid references users (id) on delete cascade,
      visitor_id text,
      scope text not null,
      decision text not null check (decision in ('given', 'refused', 'withdrawn')),
      method text not null check (method in ('banner', 'settings', 'gpc', 'account_page')),
      policy_version integer not null,
      policy_hash text not null,
      notice_hash text not null,
      decided_at timestamptz not null,
      check (user_id is not null or visitor_id is not null)
    )`.execute(db);
  await sql`create index consent_records_user on consent_records (user_id, scope, seq desc) where user_id is not null`.execute(db);
  await sql`create index consent_records_visitor on consent_records (visitor_id, scope, seq desc) where visitor_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table consent_records`.execute(db);
}
