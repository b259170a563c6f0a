import { sql, type Kysely } from 'kysely';

/**
 * The postal address a person gives when they opt in to marketing by post (one per person, kept
 * only while they are opted in by post), so the mailing list can be posted to. Nullable like every
 * field kept only where the policy declares it; the API asks the required parts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table marketing_postal_addresses (
      user_id uuid primary key references users (id) on delete cascade,
      line1 text,
      line2 text,
      postal_code text,
      city text,
      region text,
      country text,
      updated_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table marketing_postal_addresses`.execute(db);
}
