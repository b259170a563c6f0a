import { sql, type Kysely } from 'kysely';

/**
 * The request counters of every rate limit, in the database that all API processes share, so a
 * flood spread over several processes meets one limit. A row is a keyed hash of the limit's key (a
 * client address, an e-mail address written in a form) and its count in the current window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limit_counters (
      key_hash text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    )`.execute(db);
  await sql`create index rate_limit_counters_window on rate_limit_counters (window_ends_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limit_counters`.execute(db);
}
