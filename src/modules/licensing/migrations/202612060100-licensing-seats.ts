import { sql, type Kysely } from 'kysely';

/**
 * Organisation licences with seats (Keygen's `maxUsers`: the users attached to a licence) and the
 * raw device identifier a manifest may declare.
 * - A licence is owned by a person or by an organisation (then `max_users` seats, held by members in
 *   `licence_users`); the organisation's row is the orgs module's, so no cross-module foreign key.
 * - A machine's identifier is kept either as the keyed hash (`fingerprint`) or, only where the manifest
 *   declares the raw id, as sent (`device_id`): exactly one of the two.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table licences alter column user_id drop not null`.execute(db);
  await sql`alter table licences add column org_id uuid`.execute(db);
  await sql`alter table licences add column max_users integer check (max_users > 0)`.execute(db);
  await sql`alter table licences add constraint licences_one_owner check ((user_id is null) <> (org_id is null) and ((org_id is null) = (max_users is null)))`.execute(db);
  await sql`create index licences_org_idx on licences (org_id)`.execute(db);
  await sql`
    create table licence_users (
      licence_id uuid not null references licences (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      assigned_at timestamptz not null,
      primary key (licence_id, user_id)
    )`.execute(db);
  await sql`create index licence_users_user_idx on licence_users (user_id)`.execute(db);
  await sql`alter table licence_machines alter column fingerprint drop not null`.execute(db);
  await sql`alter table licence_machines add column device_id text`.execute(db);
  await sql`alter table licence_machines add constraint licence_machines_one_identifier check ((fingerprint is null) <> (device_id is null))`.execute(db);
  await sql`alter table licence_machines add constraint licence_machines_device_unique unique (licence_id, device_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table licence_machines drop constraint licence_machines_device_unique`.execute(db);
  await sql`alter table licence_machines drop constraint licence_machines_one_identifier`.execute(db);
  await sql`alter table licence_machines drop column device_id`.execute(db);
  await sql`drop table licence_users`.execute(db);
  await sql`alter table licences drop constraint licences_one_owner`.execute(db);
  await sql`alter table licences drop column max_users`.execute(db);
  await sql`alter table licences drop column org_id`.execute(db);
}
