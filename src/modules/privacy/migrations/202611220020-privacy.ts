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
  // Enforced by the database, not only by the absence of an edit endpoint. Only published_by may
  // change: erasing the officer who published a version nulls it, the policy text stays.
  await sql`
    create function manifest_versions_immutable() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'published privacy manifest versions are kept: version % cannot be deleted', old.version;
      end if;
      if (new.id, new.version, new.yaml, new.published_at, new.effective_at, new.change_level, new.summary, new.diff)
         is distinct from (old.id, old.version, old.yaml, old.published_at, old.effective_at, old.change_level, old.summary, old.diff) then
        raise exception 'published privacy manifest versions are immutable: publish a new version instead of changing version %', old.version;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger manifest_versions_immutable before update or delete on manifest_versions
    for each row execute function manifest_versions_immutable()`.execute(db);

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
  await sql`drop function manifest_versions_immutable()`.execute(db);
}
