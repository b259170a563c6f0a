import { sql, type Kysely } from 'kysely';

/**
 * A counter every change that could end a session, or change what a session's request is told of its
 * account, moves in its own transaction (statement triggers on sessions and users, whoever makes the
 * change: this module, erasure, retention). Each process keeps signed-in sessions a moment in memory
 * and serves one only while the counter it read with the session is still the current one (issue #12).
 * The counter moves before the statement touches any row, so a writer never waits for it holding a row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table session_changes (id smallint primary key default 1 check (id = 1), version bigint not null)`.execute(db);
  await sql`
    create function session_changes_bump() returns trigger language plpgsql as $$
    begin
      -- No row until the first change (a restore needs every table empty): version 0 is no row.
      insert into session_changes (id, version) values (1, 1)
      on conflict (id) do update set version = session_changes.version + 1;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger sessions_changed before update of token_hash, user_id, expires_at, revoked_at or delete or truncate on sessions
    for each statement execute function session_changes_bump()`.execute(db);
  await sql`
    create trigger users_changed before update of id, email, email_verified_at, password_hash, name, phone, company, job_title, role, status, password_must_change or delete or truncate on users
    for each statement execute function session_changes_bump()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`drop trigger sessions_changed on sessions`.execute(db);
  await sql`drop function session_changes_bump()`.execute(db);
  await sql`drop table session_changes`.execute(db);
}
