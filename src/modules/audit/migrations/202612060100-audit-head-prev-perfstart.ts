import { sql, type Kysely } from 'kysely';

/**
 * The head also keeps the hash it held before the newest entry: an append is then one statement that
 * moves the head under its row lock and hands the previous hash to the entry it inserts (issue #12).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_head add column prev_hash text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_head drop column prev_hash`.execute(db);
}
