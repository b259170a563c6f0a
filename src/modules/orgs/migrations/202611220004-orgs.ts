import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key,
      name text not null,
      created_at timestamptz not null
    )`.execute(db);

  // The primary key makes a domain claimable by one organisation only; the check keeps it lower-case
  // so the lookup at e-mail verification is an exact match.
  await sql`
    create table organisation_domains (
      domain text primary key check (domain = lower(domain)),
      org_id uuid not null references organisations (id) on delete cascade
    )`.execute(db);
  await sql`create index organisation_domains_org_idx on organisation_domains (org_id)`.execute(db);

  // user_id is unique: a person belongs to at most one organisation, so "who controls my account"
  // always has one answer.
  await sql`
    create table organisation_members (
      org_id uuid not null references organisations (id) on delete cascade,
      user_id uuid not null unique references users (id) on delete cascade,
      role text not null check (role in ('admin', 'member')),
      status text not null default 'active' check (status in ('active', 'suspended')),
      joined_at timestamptz not null,
      primary key (org_id, user_id)
    )`.execute(db);

  await sql`
    create table organisation_invitations (
      id uuid primary key,
      org_id uuid not null references organisations (id) on delete cascade,
      email text not null,
      token_hash text not null unique,
      invited_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz
    )`.execute(db);
  await sql`create index organisation_invitations_org_idx on organisation_invitations (org_id, email)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['organisation_invitations', 'organisation_members', 'organisation_domains', 'organisations']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}
