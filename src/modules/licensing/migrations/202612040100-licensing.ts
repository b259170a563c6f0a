import { sql, type Kysely } from 'kysely';

/**
 * Licensing for desktop software, after Keygen's model: products, their licence policies, licences
 * (owned by a person), the machines a licence is activated on, releases for update checks, and the
 * Ed25519 keys that sign offline licence files (the private half wrapped by the master key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table licensing_products (
      id uuid primary key,
      code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      created_at timestamptz not null
    )`.execute(db);
  // Durations in seconds (null: perpetual); the operator sets them per policy, not the code.
  await sql`
    create table licensing_policies (
      id uuid primary key,
      product_id uuid not null references licensing_products (id) on delete cascade,
      name text not null,
      duration_seconds integer check (duration_seconds > 0),
      max_machines integer not null check (max_machines > 0),
      floating boolean not null,
      require_heartbeat boolean not null,
      heartbeat_seconds integer not null check (heartbeat_seconds > 0),
      offline_allowed boolean not null,
      file_ttl_seconds integer not null check (file_ttl_seconds > 0),
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table licences (
      id uuid primary key,
      policy_id uuid not null references licensing_policies (id),
      user_id uuid not null references users (id) on delete cascade,
      key text not null unique,
      status text not null check (status in ('active', 'suspended', 'expired', 'revoked')),
      entitlements jsonb not null default '[]',
      subscription_status text,
      expires_at timestamptz,
      ended_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index licences_user_idx on licences (user_id)`.execute(db);
  await sql`
    create table licence_machines (
      id uuid primary key,
      licence_id uuid not null references licences (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      fingerprint text not null,
      token_hash text not null unique,
      name text,
      platform text,
      app_version text,
      last_heartbeat_at timestamptz not null,
      created_at timestamptz not null,
      unique (licence_id, fingerprint)
    )`.execute(db);
  await sql`
    create table licensing_releases (
      id uuid primary key,
      product_id uuid not null references licensing_products (id) on delete cascade,
      version text not null,
      channel text not null check (channel in ('stable', 'rc', 'beta', 'alpha', 'dev')),
      platform text not null,
      notes text not null default '',
      artifact_url text not null,
      published_at timestamptz not null,
      unique (product_id, version, channel, platform)
    )`.execute(db);
  await sql`
    create table licensing_signing_keys (
      id text primary key,
      public_key text not null,
      private_key_wrapped text not null,
      created_at timestamptz not null,
      retired_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['licensing_signing_keys', 'licensing_releases', 'licence_machines', 'licences', 'licensing_policies', 'licensing_products']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
