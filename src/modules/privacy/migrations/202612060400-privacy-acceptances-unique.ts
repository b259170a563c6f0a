import { sql, type Kysely } from 'kysely';

/**
 * One acceptance per person and policy version: two first requests side by side (by use, or a double
 * click on "accept") each found none and each recorded one. The duplicates go first, keeping the
 * earliest (the moment the person first accepted that version); then the index lets the insert be
 * idempotent (on conflict do nothing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from policy_acceptances later
    using policy_acceptances earlier
    where later.user_id = earlier.user_id
      and later.version = earlier.version
      and (earlier.accepted_at < later.accepted_at or (earlier.accepted_at = later.accepted_at and earlier.id < later.id))`.execute(db);
  await sql`create unique index policy_acceptances_user_version_key on policy_acceptances (user_id, version)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index policy_acceptances_user_version_key`.execute(db);
}
