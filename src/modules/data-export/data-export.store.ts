import type { Queryable } from '../../platform/db/index.js';
import type { DataExportTables, ExportRow } from './data-export.tables.js';

type Db = Queryable<DataExportTables>;

export async function insertExport(db: Db, row: ExportRow) {
  await db.insertInto('data_exports').values(row).execute();
}

export async function findExport(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('data_exports').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listExports(db: Db, userId: string) {
  return db
    .selectFrom('data_exports')
    .select(['id', 'status', 'size_bytes', 'created_at', 'completed_at', 'downloaded_at', 'link_expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

/** The exports `requestedBy` asked for about any of `userIds`, newest first (an organisation admin's list). */
export async function listExportsRequestedBy(db: Db, requestedBy: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('data_exports')
    .select(['id', 'user_id', 'status', 'size_bytes', 'created_at', 'completed_at', 'downloaded_at'])
    .where('requested_by', '=', requestedBy)
    .where('user_id', 'in', userIds)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();
}

export async function setLink(db: Db, id: string, nonceHash: string, expiresAt: Date) {
  await db.updateTable('data_exports').set({ link_nonce_hash: nonceHash, link_expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function consumeLink(db: Db, id: string, at: Date) {
  await db.updateTable('data_exports').set({ link_nonce_hash: null, downloaded_at: at }).where('id', '=', id).execute();
}

export async function markBuilding(db: Db, id: string) {
  await db.updateTable('data_exports').set({ status: 'building' }).where('id', '=', id).execute();
}

export async function markReady(db: Db, id: string, built: { wrappedKey: string; sizeBytes: number; sha256: string; at: Date }) {
  await db
    .updateTable('data_exports')
    .set({ status: 'ready', wrapped_key: built.wrappedKey, size_bytes: built.sizeBytes, sha256: built.sha256, completed_at: built.at, error: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: string, error: string) {
  await db.updateTable('data_exports').set({ status: 'failed', error }).where('id', '=', id).execute();
}

/** Ready or failed exports made before `cutoff`, locked: the daily purge shreds them. */
export async function lockExportsMadeBefore(db: Db, cutoff: Date) {
  return db.selectFrom('data_exports').select(['id', 'user_id', 'storage_key']).where('status', 'in', ['ready', 'failed']).where('created_at', '<', cutoff).forUpdate().execute();
}

/** Crypto-shreds the exports: without the wrapped key the stored archive is noise. */
export async function expireExports(db: Db, ids: readonly string[]) {
  await db
    .updateTable('data_exports')
    .set({ status: 'expired', wrapped_key: null, link_nonce_hash: null })
    .where('id', 'in', ids)
    .execute();
}
