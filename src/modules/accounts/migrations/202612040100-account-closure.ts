import { sql, type Kysely } from 'kysely';

/**
 * Closing an account (distinct from erasing it) keeps it archived for the period the manifest gives
 * its `account_closed` rules, then erases it: `closed_at` starts that clock, status `closed` bars sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column closed_at timestamptz`.execute(db);
  await sql`alter table users drop constraint users_status_check`.execute(db);
  await sql`alter table users add constraint users_status_check check (status in ('active', 'suspended', 'closed'))`.execute(db);
  await sql`create index users_closed_at_idx on users (closed_at) where closed_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update users set status = 'suspended' where status = 'closed'`.execute(db);
  await sql`alter table users drop constraint users_status_check`.execute(db);
  await sql`alter table users add constraint users_status_check check (status in ('active', 'suspended'))`.execute(db);
  await sql`alter table users drop column closed_at`.execute(db);
}
