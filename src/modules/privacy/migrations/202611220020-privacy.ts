import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Published versions are never updated or deleted: the policy people agreed to must stay readable.
  // effective_at is when a version takes force (publication + the manifest's effective_after for a
  // significant change); the version in force is the newest whose effective_at has passed.
  await sql`
    create table manifest_versions (
      id uuid primary key,
      version int not null unique check (version > 0),
      yaml text not null,
      published_at timestamptz not null,
      effective_at timestamptz not null,
      published_by uuid references users (id) on delete set null,
      change_level text not null check (change_level in ('initial', 'significant', 'minor')),
      summary text not null,
      diff jsonb not null
    )`.execute(db);
  await sql`create index manifest_versions_effective_idx on manifest_versions (effective_at, version)`.execute(db);

  await sql`
    create table policy_notices (
      user_id uuid not null references users (id) on delete cascade,
      version int not null references manifest_versions (version),
      sent_at timestamptz not null,
      acknowledged_at timestamptz,
      primary key (user_id, version)
    )`.execute(db);

  await sql`
    create table consent_prompts (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      version int not null references manifest_versions (version),
      purposes jsonb not null,
      created_at timestamptz not null,
      answered_at timestamptz,
      answer text check (answer in ('accept', 'decline')),
      unique (user_id, version)
    )`.execute(db);
  await sql`create index consent_prompts_pending_idx on consent_prompts (user_id) where answered_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['consent_prompts', 'policy_notices', 'manifest_versions']) await sql`drop table ${sql.table(t)}`.execute(db);
}
