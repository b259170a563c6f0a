import { sql, type Kysely } from 'kysely';

/** A message may carry its own Reply-To and Message-ID: support replies thread back into their ticket by them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox add column reply_to text, add column message_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox drop column reply_to, drop column message_id`.execute(db);
}
