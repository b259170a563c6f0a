import { sql, type Kysely } from 'kysely';

/**
 * A marketing message names the purpose, topic and channel it was sent for, so its release asks the
 * person's choice for that topic and channel (the campaign audience's own check), not the purpose's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox add column marketing_target jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox drop column marketing_target`.execute(db);
}
