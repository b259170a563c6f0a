import { sql, type Kysely } from 'kysely';

/** Legal holds: a case that keeps a person's, a project's or an organisation's data from retention and erasure. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table legal_holds (
      id uuid primary key,
      reason text not null,
      scope text not null check (scope in ('person', 'project', 'organisation')),
      scope_id uuid not null,
      opened_by uuid references users (id) on delete set null,
      opened_at timestamptz not null,
      ends_on timestamptz,
      released_by uuid references users (id) on delete set null,
      released_at timestamptz
    )`.execute(db);
  await sql`create index legal_holds_active on legal_holds (scope, scope_id) where released_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table legal_holds`.execute(db);
}
