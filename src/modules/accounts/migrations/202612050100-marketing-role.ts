import { sql, type Kysely } from 'kysely';

/** Staff who write and send marketing campaigns have a role of their own. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('customer', 'staff', 'privacy_officer', 'admin', 'marketing'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('customer', 'staff', 'privacy_officer', 'admin'))`.execute(db);
}
