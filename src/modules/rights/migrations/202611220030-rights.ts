import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per purpose kind a person has stopped ('all' = restriction of processing, GDPR art. 18).
  await sql`
    create table processing_restrictions (
      user_id uuid not null references users (id) on delete cascade,
      scope text not null check (scope in ('all', 'analytics', 'marketing', 'integrations', 'profiling')),
      since timestamptz not null,
      reason text,
      primary key (user_id, scope)
    )`.execute(db);

  // Each actual hand-over of someone's data: an integration delivery, or a disclosure to an authority.
  // No foreign key on subject_id: the record of a disclosure outlives the account (a legal duty).
  await sql`
    create table disclosures (
      id uuid primary key,
      subject_id uuid not null,
      kind text not null check (kind in ('integration', 'authority', 'third_party')),
      recipient text not null,
      categories jsonb not null,
      legal_basis text not null,
      reference text,
      disclosed_at timestamptz not null,
      recorded_by uuid,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index disclosures_subject_idx on disclosures (subject_id, disclosed_at)`.execute(db);

  // The export ZIP is stored in the vault like an upload: destroying wrapped_key erases it.
  await sql`
    create table data_exports (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      requested_by uuid,
      status text not null check (status in ('queued', 'building', 'ready', 'failed', 'expired')),
      storage_key text not null unique,
      wrapped_key text,
      size_bytes bigint,
      sha256 text,
      link_nonce_hash text,
      link_expires_at timestamptz,
      created_at timestamptz not null,
      completed_at timestamptz,
      downloaded_at timestamptz,
      error text
    )`.execute(db);
  await sql`create index data_exports_user_idx on data_exports (user_id, created_at)`.execute(db);

  // An erasure in progress or done. user_id is cleared when it completes; the certificate names no one.
  await sql`
    create table erasures (
      id uuid primary key,
      user_id uuid,
      requested_by_role text not null,
      origin text not null check (origin in ('self', 'org_admin', 'privacy_officer', 'replay')),
      status text not null check (status in ('planned', 'running', 'completed')),
      progress jsonb not null,
      certificate jsonb,
      certificate_text text,
      certificate_token_hash text,
      policy_version int,
      created_at timestamptz not null,
      completed_at timestamptz
    )`.execute(db);
  await sql`create index erasures_user_idx on erasures (user_id)`.execute(db);

  // Only keyed hashes of the erased person: enough to recognise them in a restored backup, nothing more.
  await sql`
    create table erasure_ledger (
      id uuid primary key,
      key_id text not null,
      user_hash text not null,
      email_hash text not null,
      erased_at timestamptz not null
    )`.execute(db);
  await sql`create unique index erasure_ledger_user_idx on erasure_ledger (key_id, user_hash)`.execute(db);

  // Requests the dashboard cannot fulfil alone: from people without an account, corrections, agents.
  await sql`
    create table rights_requests (
      id uuid primary key,
      kind text not null check (kind in ('access', 'rectification', 'erasure', 'portability', 'restriction', 'objection', 'opt_out', 'other')),
      name text not null,
      email text not null,
      jurisdiction text not null,
      details text,
      user_id uuid references users (id) on delete set null,
      agent_name text,
      agent_email text,
      agent_authority text,
      status text not null check (status in ('unverified', 'open', 'in_progress', 'extended', 'completed', 'denied')),
      verify_token_hash text unique,
      verify_expires_at timestamptz,
      verified_at timestamptz,
      received_on text not null check (received_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      due_on text not null check (due_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      extension_reason text,
      extended_at timestamptz,
      answer text,
      answered_at timestamptz,
      handled_by uuid references users (id) on delete set null,
      reminded_for text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index rights_requests_status_idx on rights_requests (status, due_on)`.execute(db);
  await sql`create index rights_requests_user_idx on rights_requests (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['rights_requests', 'erasure_ledger', 'erasures', 'data_exports', 'disclosures', 'processing_restrictions']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
}
