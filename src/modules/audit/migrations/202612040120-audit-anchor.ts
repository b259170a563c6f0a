import { sql, type Kysely } from 'kysely';

/**
 * The audit trail is kept for the manifest's `audit.trail` period, then pruned from the chain's start,
 * a whole prefix at a time: the anchor keeps the hash of the last pruned entry, so what remains still
 * verifies from it (and the head still catches a deletion at the end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_anchor (
      id smallint primary key default 1 check (id = 1),
      pruned_through_id bigint not null,
      anchor_hash text not null,
      pruned_rows bigint not null,
      pruned_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_anchor`.execute(db);
}
