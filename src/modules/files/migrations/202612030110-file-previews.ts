import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A light preview (GLB) of an analysed file, in the vault under a data key of its own. It goes with its
  // file: deleting the file (or the project) deletes this row, which destroys the key. project_id lets
  // the registry walkers find whose it is, as they do for files.
  await sql`
    create table file_previews (
      file_id uuid primary key references files (id) on delete cascade,
      project_id uuid not null references projects (id) on delete cascade,
      wrapped_key text not null,
      storage_key text not null unique,
      size_bytes integer not null check (size_bytes > 0),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index file_previews_project_idx on file_previews (project_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table file_previews`.execute(db);
}
