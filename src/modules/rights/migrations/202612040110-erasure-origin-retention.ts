import { sql, type Kysely } from 'kysely';

/** Retention erases a closed account at the end of its archive period: a new origin of an erasure. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table erasures drop constraint erasures_origin_check`.execute(db);
  await sql`alter table erasures add constraint erasures_origin_check check (origin in ('self', 'org_admin', 'privacy_officer', 'replay', 'retention'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update erasures set origin = 'privacy_officer' where origin = 'retention'`.execute(db);
  await sql`alter table erasures drop constraint erasures_origin_check`.execute(db);
  await sql`alter table erasures add constraint erasures_origin_check check (origin in ('self', 'org_admin', 'privacy_officer', 'replay'))`.execute(db);
}
