import type { Queryable } from '../../platform/db/index.js';
import type { FilesTables, PreviewRow } from './files.tables.js';

type Db = Queryable<FilesTables>;

/** A retried analysis that finds a preview already stored keeps the first one (the caller discards its object). */
export async function insertPreview(db: Db, row: PreviewRow) {
  const r = await db.insertInto('file_previews').values(row).onConflict((oc) => oc.column('file_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Analysed files without a preview (analysed before previews existed), oldest first, with what opens them. */
export async function listAnalysedWithoutPreview(db: Db, limit: number) {
  return db
    .selectFrom('files')
    .select(['id', 'original_name', 'size_bytes', 'storage_key', 'wrapped_key'])
    .where('status', '=', 'analysed')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_previews').select('file_previews.file_id').whereRef('file_previews.file_id', '=', 'files.id'))))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findPreview(db: Db, fileId: string) {
  return db.selectFrom('file_previews').selectAll().where('file_id', '=', fileId).executeTakeFirst();
}

/** Which of these files have a preview. */
export async function listPreviewedFileIds(db: Db, fileIds: readonly string[]) {
  if (fileIds.length === 0) return [];
  const rows = await db.selectFrom('file_previews').select('file_id').where('file_id', 'in', fileIds).execute();
  return rows.map((r) => r.file_id);
}

/** The deleted preview's object name, for the caller to free once its work commits. */
export async function deletePreview(db: Db, fileId: string) {
  const row = await db.deleteFrom('file_previews').where('file_id', '=', fileId).returning('storage_key').executeTakeFirst();
  return row?.storage_key;
}

export async function listPreviewKeysAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('file_previews').select(['file_id as id', 'wrapped_key']).where('file_id', '>', afterId).orderBy('file_id').limit(limit).execute();
}

/** Compare-and-set, as for files: a preview deleted or replaced meanwhile is not resurrected. */
export async function replacePreviewKey(db: Db, fileId: string, from: string, to: string) {
  await db.updateTable('file_previews').set({ wrapped_key: to }).where('file_id', '=', fileId).where('wrapped_key', '=', from).execute();
}
