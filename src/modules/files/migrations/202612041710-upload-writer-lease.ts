import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // tus allows one writer per upload. With several API processes the writer may be in any of them, so
  // the claim lives on the row: a lease (a random token until a time) that the writing process renews
  // while the body streams, and that expires by itself if that process dies.
  await sql`alter table file_uploads add column writer_token uuid, add column writer_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table file_uploads drop column writer_token, drop column writer_until`.execute(db);
}
