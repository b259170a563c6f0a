import { sql, type Kysely } from 'kysely';

/**
 * Marketing choices are consent records too: made at sign-up, on the preferences page, through an
 * unsubscribe link, or by an organisation admin where the policy grants it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table consent_records drop constraint consent_records_method_check`.execute(db);
  await sql`alter table consent_records add constraint consent_records_method_check
    check (method in ('banner', 'settings', 'gpc', 'account_page', 'sign_up', 'unsubscribe', 'organisation_admin'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table consent_records drop constraint consent_records_method_check`.execute(db);
  await sql`alter table consent_records add constraint consent_records_method_check check (method in ('banner', 'settings', 'gpc', 'account_page'))`.execute(db);
}
