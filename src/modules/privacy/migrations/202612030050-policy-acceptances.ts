import { sql, type Kysely } from 'kysely';

/**
 * Who accepted which version of the policy, when, and how (a ticked box, or use of the service where
 * the manifest says use counts as acceptance). The hash names the exact text the version published.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table policy_acceptances (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      version int not null references manifest_versions (version),
      document_hash text not null,
      accepted_at timestamptz not null,
      how text not null check (how in ('ticked', 'by_use'))
    )`.execute(db);
  await sql`create index policy_acceptances_user_idx on policy_acceptances (user_id, accepted_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table policy_acceptances`.execute(db);
}
