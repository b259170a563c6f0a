import { sql, type Kysely } from 'kysely';

/**
 * Each open of a share link: which link, which object it showed (the configuration, or one of its
 * product's models) and when, so the owner sees who-had-the-link traffic. Nothing about the visitor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table configuration_share_opens (
      id uuid primary key,
      share_id uuid not null references configuration_shares (id) on delete cascade,
      customer_id uuid not null references users (id) on delete cascade,
      object text not null check (object in ('configuration', 'model')),
      file_id uuid,
      opened_at timestamptz not null
    )`.execute(db);
  await sql`create index configuration_share_opens_share_idx on configuration_share_opens (share_id, opened_at desc)`.execute(db);
  await sql`create index configuration_share_opens_customer_idx on configuration_share_opens (customer_id)`.execute(db);
}
