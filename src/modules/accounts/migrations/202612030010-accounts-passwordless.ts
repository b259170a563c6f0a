import { sql, type Kysely } from 'kysely';

/**
 * An installation whose privacy policy does not declare passwords (credentials.password) signs people
 * in with e-mailed one-time links: their accounts have no password hash, and the links a new purpose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users alter column password_hash drop not null`.execute(db);
  await sql`alter table users alter column password_changed_at drop not null`.execute(db);
  await sql`alter table email_tokens drop constraint email_tokens_purpose_check`.execute(db);
  await sql`alter table email_tokens add constraint email_tokens_purpose_check check (purpose in ('verify_email', 'reset_password', 'change_email', 'sign_in'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from email_tokens where purpose = 'sign_in'`.execute(db);
  await sql`alter table email_tokens drop constraint email_tokens_purpose_check`.execute(db);
  await sql`alter table email_tokens add constraint email_tokens_purpose_check check (purpose in ('verify_email', 'reset_password', 'change_email'))`.execute(db);
  await sql`update users set password_hash = '!' where password_hash is null`.execute(db);
  await sql`alter table users alter column password_hash set not null`.execute(db);
  await sql`update users set password_changed_at = created_at where password_changed_at is null`.execute(db);
  await sql`alter table users alter column password_changed_at set not null`.execute(db);
}
