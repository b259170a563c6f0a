import { sql, type Kysely } from 'kysely';
import { up as sessionChangesUp } from './202612060110-session-changes-perfstart.js';

/**
 * Each account counts the changes that could end its sessions or change what a session's request is
 * told of it (issue #12), instead of one installation-wide counter: a change to one account no longer
 * drops every process's kept sessions of every other account, and a writer locks only the account it
 * changes (the one `session_changes` row was held by every such writer until its commit). A change of
 * the account moves its own counter as it is written; a change of a session moves its owner's, in the
 * same transaction. A deleted account has no counter left, which a kept session treats as a change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`drop trigger sessions_changed on sessions`.execute(db);
  await sql`drop function session_changes_bump()`.execute(db);
  await sql`drop table session_changes`.execute(db);
  await sql`alter table users add column sessions_version bigint not null default 0`.execute(db);
  await sql`
    create function users_sessions_version_bump() returns trigger language plpgsql as $$
    begin
      new.sessions_version := old.sessions_version + 1;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger users_changed before update of id, email, email_verified_at, password_hash, name, phone, company, job_title, role, status, password_must_change on users
    for each row execute function users_sessions_version_bump()`.execute(db);
  await sql`
    create function sessions_owner_version_bump() returns trigger language plpgsql as $$
    begin
      if tg_op = 'TRUNCATE' then
        update users set sessions_version = sessions_version + 1;
        return null;
      end if;
      update users set sessions_version = sessions_version + 1 where id = old.user_id;
      if tg_op = 'UPDATE' and new.user_id is distinct from old.user_id then
        update users set sessions_version = sessions_version + 1 where id = new.user_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger sessions_changed after update of token_hash, user_id, expires_at, revoked_at or delete on sessions
    for each row execute function sessions_owner_version_bump()`.execute(db);
  await sql`
    create trigger sessions_truncated after truncate on sessions
    for each statement execute function sessions_owner_version_bump()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger sessions_truncated on sessions`.execute(db);
  await sql`drop trigger sessions_changed on sessions`.execute(db);
  await sql`drop function sessions_owner_version_bump()`.execute(db);
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`drop function users_sessions_version_bump()`.execute(db);
  await sql`alter table users drop column sessions_version`.execute(db);
  // The installation-wide counter as the migration before this one made it.
  await sessionChangesUp(db);
}
