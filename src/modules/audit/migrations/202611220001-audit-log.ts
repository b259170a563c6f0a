import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_role text not null,
      action text not null,
      subject_id uuid,
      target_type text,
      target_id text,
      request_id text,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_subject_idx on audit_log (subject_id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id)`.execute(db);
  // The chain's head: deleting the newest entries is caught because the head no longer matches.
  await sql`
    create table audit_head (
      id smallint primary key default 1 check (id = 1),
      last_id bigint not null,
      last_hash text not null
    )`.execute(db);
  // Append-only: the application role may insert but never rewrite history.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (history may not be rewritten; maintenance sessions set meshvault.audit_maintenance = on)';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row when (current_setting('meshvault.audit_maintenance', true) is distinct from 'on')
    execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_head`.execute(db);
  await sql`drop table audit_log`.execute(db);
  await sql`drop function audit_log_append_only`.execute(db);
}
