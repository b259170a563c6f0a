import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Money in integer cents with its currency: no floating point ever reaches a price a customer accepts.
  await sql`
    create table quotes (
      id uuid primary key,
      project_id uuid not null references projects (id) on delete cascade,
      customer_id uuid not null references users (id) on delete cascade,
      status text not null check (status in ('offered', 'accepted', 'declined', 'superseded')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      computed_cents bigint not null check (computed_cents >= 0),
      amount_cents bigint not null check (amount_cents >= 0),
      breakdown jsonb not null,
      adjustment_reason text,
      adjusted_by uuid references users (id) on delete set null,
      adjusted_at timestamptz,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      decided_at timestamptz
    )`.execute(db);
  await sql`create index quotes_project_idx on quotes (project_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table quotes`.execute(db);
}
