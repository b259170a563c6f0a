import { sql, type Kysely } from 'kysely';

/**
 * GET /api/me tells a person their organisation, and each process keeps it beside the session it
 * serves from memory (issue #12) for as long as the account's `sessions_version` stays what it read
 * with the session (accounts' session-cache.ts). So every change to what a person is told of their
 * membership moves that counter in its own transaction, whoever makes it (this module, erasure,
 * another process, a cascade): joining, leaving, a change of role or status, and a renamed or
 * deleted organisation (its members' rows go by cascade, which fires the row trigger). Only the
 * counter column is written, which the accounts module's own trigger does not count as a change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Emptying either table (a restore) leaves no rows to tell whose membership went: every account's moves.
  await sql`
    create function organisations_emptied_version_bump() returns trigger language plpgsql as $$
    begin
      update users set sessions_version = sessions_version + 1;
      return null;
    end $$`.execute(db);
  await sql`
    create function organisation_members_owner_version_bump() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        update users set sessions_version = sessions_version + 1 where id = old.user_id;
      end if;
      if tg_op = 'INSERT' then
        update users set sessions_version = sessions_version + 1 where id = new.user_id;
      elsif tg_op = 'UPDATE' then
        if new.user_id is distinct from old.user_id then
          update users set sessions_version = sessions_version + 1 where id = new.user_id;
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger organisation_members_changed after insert or update of org_id, user_id, role, status or delete on organisation_members
    for each row execute function organisation_members_owner_version_bump()`.execute(db);
  await sql`
    create trigger organisation_members_truncated after truncate on organisation_members
    for each statement execute function organisations_emptied_version_bump()`.execute(db);
  await sql`
    create function organisations_members_version_bump() returns trigger language plpgsql as $$
    begin
      update users set sessions_version = sessions_version + 1 where id in (select user_id from organisation_members where org_id = old.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger organisations_changed after update of id, name on organisations
    for each row execute function organisations_members_version_bump()`.execute(db);
  await sql`
    create trigger organisations_truncated after truncate on organisations
    for each statement execute function organisations_emptied_version_bump()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger organisations_truncated on organisations`.execute(db);
  await sql`drop trigger organisations_changed on organisations`.execute(db);
  await sql`drop function organisations_members_version_bump()`.execute(db);
  await sql`drop trigger organisation_members_truncated on organisation_members`.execute(db);
  await sql`drop trigger organisation_members_changed on organisation_members`.execute(db);
  await sql`drop function organisation_members_owner_version_bump()`.execute(db);
  await sql`drop function organisations_emptied_version_bump()`.execute(db);
}
