import { sql, type Expression, type Insertable, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { ErasureProgress, ErasureTables } from './erasure.tables.js';

type Db = Queryable<ErasureTables>;

export async function findErasure(db: Db, id: string) {
  return db.selectFrom('erasures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockErasure(db: Db, id: string) {
  return db.selectFrom('erasures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOpenErasureOf(db: Db, userId: string) {
  return db.selectFrom('erasures').select(['id', 'status']).where('user_id', '=', userId).where('status', '!=', 'completed').executeTakeFirst();
}

/** Whether an erasure names the account (see findErasureNaming), as a condition another query composes. */
export function erasureNamingCondition(userId: Expression<string | null>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from erasures where erasures.user_id = ${userId})`;
}

/** An erasure still naming the account: not finished, or finished with data a legal hold keeps. */
export async function findErasureNaming(db: Db, userId: string) {
  return db.selectFrom('erasures').select(['id', 'status']).where('user_id', '=', userId).executeTakeFirst();
}

/** Completed erasures that kept data because of this hold (and still name the account, to finish it). */
export async function listErasuresHeldBy(db: Db, holdId: string) {
  return db
    .selectFrom('erasures')
    .select(['id', 'user_id', 'origin'])
    .where('status', '=', 'completed')
    .where('user_id', 'is not', null)
    .where(sql<boolean>`progress::jsonb -> 'heldBy' ? ${holdId}`)
    .execute();
}

/** Erasures not completed of any of `userIds` (who, and since when). */
export async function listOpenErasuresOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('erasures').select(['user_id', 'created_at']).where('user_id', 'in', userIds).where('status', '!=', 'completed').execute();
}

export async function listUnfinishedErasureIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('erasures').select('id').where('status', 'in', ['planned', 'running']).execute()).map((r) => r.id);
}

export async function insertErasure(db: Db, row: Insertable<ErasureTables['erasures']>) {
  await db.insertInto('erasures').values(row).execute();
}

export async function saveProgress(db: Db, id: string, progress: ErasureProgress) {
  await db.updateTable('erasures').set({ progress: JSON.stringify(progress) }).where('id', '=', id).execute();
}

export async function markRunning(db: Db, id: string, plan: { certificate: Record<string, unknown>; text: string; policyVersion: number }) {
  await db
    .updateTable('erasures')
    .set({ status: 'running', certificate: JSON.stringify(plan.certificate), certificate_text: plan.text, policy_version: plan.policyVersion })
    .where('id', '=', id)
    .execute();
}

/**
 * Completes the erasure: the account id goes, the certificate (which names no one) stays — unless a
 * legal hold kept some of the person's data (`keepUser`): then the id stays until the hold's release.
 */
export async function markCompleted(db: Db, id: string, at: Date, progress: ErasureProgress, opts: { keepUser: boolean } = { keepUser: false }) {
  await db
    .updateTable('erasures')
    .set({ status: 'completed', completed_at: at, ...(opts.keepUser ? {} : { user_id: null }), progress: JSON.stringify(progress) })
    .where('id', '=', id)
    .execute();
}

export async function insertLedgerEntry(db: Db, entry: ErasureTables['erasure_ledger']): Promise<void> {
  await db.insertInto('erasure_ledger').values(entry).onConflict((oc) => oc.columns(['key_id', 'user_hash']).doNothing()).execute();
}

export async function listLedgerEntries(db: Db) {
  return db.selectFrom('erasure_ledger').selectAll().execute();
}
