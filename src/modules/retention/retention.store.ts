import type { Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { RetentionProgress, RetentionTables } from './retention.tables.js';

type Db = Queryable<RetentionTables>;

export async function findRunningRun(db: Db) {
  return db.selectFrom('retention_runs').selectAll().where('status', '=', 'running').executeTakeFirst();
}

export async function lockRun(db: Db, id: string) {
  return db.selectFrom('retention_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function insertRun(db: Db, row: Insertable<RetentionTables['retention_runs']>) {
  await db.insertInto('retention_runs').values(row).execute();
}

export async function saveProgress(db: Db, id: string, progress: RetentionProgress) {
  await db.updateTable('retention_runs').set({ progress: JSON.stringify(progress) }).where('id', '=', id).execute();
}

export async function completeRun(db: Db, id: string, done: { certificate: Record<string, unknown>; sha256: string; at: Date; progress: RetentionProgress }) {
  await db
    .updateTable('retention_runs')
    .set({ status: 'completed', certificate: JSON.stringify(done.certificate), certificate_sha256: done.sha256, completed_at: done.at, progress: JSON.stringify(done.progress) })
    .where('id', '=', id)
    .execute();
}

export async function listCompletedRuns(db: Db, limit: number) {
  return db
    .selectFrom('retention_runs')
    .select(['id', 'as_of', 'started_at', 'completed_at', 'policy_version', 'certificate_sha256', 'progress'])
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findCompletedRun(db: Db, id: string) {
  return db.selectFrom('retention_runs').selectAll().where('id', '=', id).where('status', '=', 'completed').executeTakeFirst();
}

/** Adds counts to the month periods of a table's category (aggregate end action). */
export async function addAggregates(db: Db, rows: Array<{ table_name: string; category: string; period: string; rows: number }>) {
  if (rows.length === 0) return;
  await db
    .insertInto('retention_aggregates')
    .values(rows)
    .onConflict((oc) => oc.columns(['table_name', 'category', 'period']).doUpdateSet((eb) => ({ rows: eb('retention_aggregates.rows', '+', eb.ref('excluded.rows')) })))
    .execute();
}

export async function listAggregates(db: Db) {
  return db.selectFrom('retention_aggregates').selectAll().orderBy('table_name').orderBy('category').orderBy('period').execute();
}
