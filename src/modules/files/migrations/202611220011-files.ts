import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An upload in progress. Its wrapped key lives here until the last byte arrives; a partial upload is
  // never a file, so it is never listed or analysed.
  await sql`
    create table file_uploads (
      id uuid primary key,
      project_id uuid not null references projects (id) on delete cascade,
      uploaded_by uuid references users (id) on delete set null,
      original_name text not null,
      upload_length bigint not null check (upload_length > 0),
      wrapped_key text,
      storage_key text not null unique,
      created_at timestamptz not null,
      completed_at timestamptz
    )`.execute(db);
  await sql`create index file_uploads_project_idx on file_uploads (project_id)`.execute(db);

  // Destroying wrapped_key (deleting the row) erases the file: the ciphertext alone is noise.
  await sql`
    create table files (
      id uuid primary key,
      project_id uuid not null references projects (id) on delete cascade,
      uploaded_by uuid references users (id) on delete set null,
      original_name text not null,
      size_bytes bigint not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      wrapped_key text not null,
      storage_key text not null unique,
      status text not null check (status in ('uploaded', 'analysed', 'rejected')),
      analysis jsonb,
      build_volume_fit jsonb,
      rejection_reason text,
      created_at timestamptz not null,
      analysed_at timestamptz
    )`.execute(db);
  await sql`create index files_project_idx on files (project_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table files`.execute(db);
  await sql`drop table file_uploads`.execute(db);
}
