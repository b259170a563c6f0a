import { sql, type Kysely } from 'kysely';

/**
 * Cookieless analytics (manifest `analytics: cookieless`): totals per day, kind, page and feature,
 * and nothing else. No person, visitor, session or address: a row counts events, never people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_daily_counts (
      day text not null check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      kind text not null check (kind in ('page_view', 'feature', 'session_end')),
      path text not null,
      feature text not null default '',
      events bigint not null,
      duration_ms_sum bigint not null default 0,
      primary key (day, kind, path, feature)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analytics_daily_counts`.execute(db);
}
