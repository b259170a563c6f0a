import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { AuditTables } from './audit.tables.js';

type Db = Queryable<AuditTables>;

/** Serialises writers of the chain until their transaction ends; a fork of the chain is impossible. */
export async function lockAuditChain(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('meshvault.audit_chain'))`.execute(db);
}

export async function getAuditHead(db: Db) {
  return db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
}

export async function nextAuditId(db: Db): Promise<number> {
  const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id`.execute(db);
  return Number(r.rows[0]!.id);
}

export async function insertAuditRow(db: Db, row: AuditTables['audit_log'] extends infer T ? Omit<T, 'id' | 'details'> & { id: number; details: string } : never) {
  await sql`
    insert into audit_log
      (id, at, actor_id, actor_role, action, subject_id, target_type, target_id, request_id, details, prev_hash, hash)
    overriding system value values (${row.id}, ${row.at}, ${row.actor_id}, ${row.actor_role}, ${row.action}, ${row.subject_id},
            ${row.target_type}, ${row.target_id}, ${row.request_id}, ${row.details}::jsonb, ${row.prev_hash}, ${row.hash})`.execute(db);
}

export async function setAuditHead(db: Db, lastId: number, lastHash: string) {
  await db
    .insertInto('audit_head')
    .values({ id: 1, last_id: lastId, last_hash: lastHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_id: lastId, last_hash: lastHash }))
    .execute();
}

export async function listAuditPage(db: Db, afterId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listAuditForSubject(db: Db, subjectId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => eb.or([eb('subject_id', '=', subjectId), eb('actor_id', '=', subjectId)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
