import { sql, type Kysely } from 'kysely';

/** Retention runs (one at a time, resumable) and the counts kept where the manifest says `aggregate`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table retention_runs (
      id uuid primary key,
      as_of timestamptz not null,
      status text not null check (status in ('running', 'completed')),
      progress jsonb not null,
      policy_version int not null,
      certificate jsonb,
      certificate_sha256 text,
      started_at timestamptz not null,
      completed_at timestamptz
    )`.execute(db);
  await sql`create unique index retention_runs_one_running on retention_runs ((true)) where status = 'running'`.execute(db);
  await sql`
    create table retention_aggregates (
      table_name text not null,
      category text not null,
      period date not null,
      rows bigint not null,
      primary key (table_name, category, period)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table retention_aggregates`.execute(db);
  await sql`drop table retention_runs`.execute(db);
}
