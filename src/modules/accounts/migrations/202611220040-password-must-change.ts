import { sql, type Kysely } from 'kysely';

/**
 * Set for an account whose password someone else chose or generated (the first administrator's
 * printed password): until its owner picks a new one, a session may do nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column password_must_change boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column password_must_change`.execute(db);
}
