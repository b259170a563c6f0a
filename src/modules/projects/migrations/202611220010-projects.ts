import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Dates the customer picks are calendar days, not instants: stored as ISO text so no time zone shifts them.
  await sql`
    create table projects (
      id uuid primary key,
      customer_id uuid not null references users (id) on delete cascade,
      title text not null,
      process text not null,
      material text not null,
      colour text,
      quantity integer not null check (quantity between 1 and 100000),
      units text not null,
      tolerance_mm double precision check (tolerance_mm > 0),
      finish text,
      wanted_delivery_date text check (wanted_delivery_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      promised_delivery_date text check (promised_delivery_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      notes text,
      status text not null check (status in ('received', 'in_review', 'quoted', 'in_production', 'shipped', 'delivered', 'completed', 'cancelled')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz
    )`.execute(db);
  await sql`create index projects_customer_idx on projects (customer_id, created_at)`.execute(db);

  await sql`
    create table project_status_events (
      id uuid primary key,
      project_id uuid not null references projects (id) on delete cascade,
      from_status text,
      to_status text not null,
      actor_id uuid references users (id) on delete set null,
      actor_role text not null,
      note text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index project_status_events_project_idx on project_status_events (project_id, at)`.execute(db);

  await sql`
    create table project_assignments (
      project_id uuid not null references projects (id) on delete cascade,
      staff_id uuid not null references users (id) on delete cascade,
      assigned_by uuid references users (id) on delete set null,
      assigned_at timestamptz not null,
      primary key (project_id, staff_id)
    )`.execute(db);
  await sql`create index project_assignments_staff_idx on project_assignments (staff_id)`.execute(db);

  await sql`
    create table project_messages (
      id uuid primary key,
      project_id uuid not null references projects (id) on delete cascade,
      author_id uuid references users (id) on delete set null,
      author_role text not null,
      body text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index project_messages_project_idx on project_messages (project_id, created_at)`.execute(db);

  await sql`
    create table notifications (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      project_id uuid references projects (id) on delete cascade,
      kind text not null,
      title text not null,
      body text not null,
      created_at timestamptz not null,
      read_at timestamptz
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['notifications', 'project_messages', 'project_assignments', 'project_status_events', 'projects']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}
