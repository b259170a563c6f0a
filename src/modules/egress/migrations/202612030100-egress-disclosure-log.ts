import { sql, type Kysely } from 'kysely';

/**
 * The disclosure log (created by the rights migration, owned by the egress module since) records
 * every hand-over: the manifest purpose it served, whether the recipient was outside the policy (a
 * disclosure on a legal basis only), messages handed to a mail provider, and hand-overs of the data
 * of someone without an account (no subject).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table disclosures alter column subject_id drop not null`.execute(db);
  await sql`alter table disclosures add column purpose text`.execute(db);
  await sql`alter table disclosures add column outside_policy boolean not null default false`.execute(db);
  await sql`alter table disclosures drop constraint disclosures_kind_check`.execute(db);
  await sql`alter table disclosures add constraint disclosures_kind_check check (kind in ('integration', 'authority', 'third_party', 'mail'))`.execute(db);
}
