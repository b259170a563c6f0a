import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key,
      email text not null,
      email_verified_at timestamptz,
      password_hash text not null,
      name text not null,
      phone text,
      company text,
      job_title text,
      role text not null default 'customer' check (role in ('customer', 'staff', 'privacy_officer', 'admin')),
      status text not null default 'active' check (status in ('active', 'suspended')),
      age_attested_at timestamptz not null,
      attested_minimum_age int not null,
      created_at timestamptz not null,
      last_active_at timestamptz not null,
      password_changed_at timestamptz not null
    )`.execute(db);
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await sql`
    create table sessions (
      id uuid primary key,
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      user_agent text,
      device_label text,
      ip text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table user_devices (
      user_id uuid not null references users (id) on delete cascade,
      device_hash text not null,
      first_seen_at timestamptz not null,
      primary key (user_id, device_hash)
    )`.execute(db);

  await sql`
    create table email_tokens (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password', 'change_email')),
      new_email text,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index email_tokens_user_idx on email_tokens (user_id)`.execute(db);

  // Keyed by a hash of the e-mail address typed, whether or not an account has it, so throttling
  // behaves the same for existing and unknown addresses.
  await sql`
    create table signin_throttle (
      email_hash text primary key,
      failures int not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['signin_throttle', 'email_tokens', 'user_devices', 'sessions', 'users']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}
