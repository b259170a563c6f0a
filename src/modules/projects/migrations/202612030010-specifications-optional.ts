import { sql, type Kysely } from 'kysely';

/**
 * Specifications are asked only when the privacy policy declares them (project.specifications): a
 * project can then be files and messages alone, so its specification columns may stay empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table projects alter column process drop not null, alter column material drop not null, alter column quantity drop not null, alter column units drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table projects alter column process set not null, alter column material set not null, alter column quantity set not null, alter column units set not null`.execute(db);
}
