import { sql, type Kysely } from 'kysely';

/**
 * A message may carry its own HTML part (a campaign's rendered Markdown; others get the house layout
 * at delivery) and extra headers (List-Unsubscribe and List-Unsubscribe-Post of marketing mail).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox add column body_html text, add column headers jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_outbox drop column body_html, drop column headers`.execute(db);
}
