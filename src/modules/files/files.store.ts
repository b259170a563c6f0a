import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { TBuildVolumeFit, TModelAnalysis } from '../models/index.js';
import type { FilesTables } from './files.tables.js';

type Db = Queryable<FilesTables>;

export async function insertUpload(db: Db, row: FilesTables['file_uploads']) {
  await db.insertInto('file_uploads').values(row).execute();
}

export async function findUpload(db: Db, id: string) {
  return db.selectFrom('file_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The key moves to the files row: the finished upload keeps only what HEAD needs to answer. */
export async function markUploadCompleted(db: Db, id: string, now: Date) {
  await db.updateTable('file_uploads').set({ completed_at: now, wrapped_key: null }).where('id', '=', id).execute();
}

/** Uploads started before `cutoff` and never finished. */
export async function listUnfinishedUploadsBefore(db: Db, cutoff: Date) {
  return db.selectFrom('file_uploads').select(['id', 'storage_key', 'project_id']).where('completed_at', 'is', null).where('created_at', '<', cutoff).execute();
}

export async function deleteUpload(db: Db, id: string) {
  await db.deleteFrom('file_uploads').where('id', '=', id).execute();
}

export async function insertFile(db: Db, row: Omit<FilesTables['files'], 'analysis' | 'build_volume_fit'>) {
  await db.insertInto('files').values({ ...row, analysis: null, build_volume_fit: null }).execute();
}

export async function findFile(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('files').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listFilesOfProject(db: Db, projectId: string) {
  return db.selectFrom('files').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
}

/** What pricing reads of a project's files: their state and analysis, never their keys. */
export async function listFileAnalysesOfProject(db: Db, projectId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'original_name', 'status', 'analysis', 'build_volume_fit'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function deleteFile(db: Db, id: string) {
  const r = await db.deleteFrom('files').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Only a file still waiting for its analysis takes one: a retried job cannot overwrite a result. */
export async function storeAnalysis(db: Db, id: string, analysis: TModelAnalysis, fits: TBuildVolumeFit[], now: Date) {
  const r = await db
    .updateTable('files')
    .set({ status: 'analysed', analysis: JSON.stringify(analysis), build_volume_fit: JSON.stringify(fits), rejection_reason: null, analysed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'uploaded')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function storeRejection(db: Db, id: string, reason: string, now: Date) {
  const r = await db.updateTable('files').set({ status: 'rejected', rejection_reason: reason, analysed_at: now }).where('id', '=', id).where('status', '=', 'uploaded').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listFileKeysAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('files').select(['id', 'wrapped_key']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listUploadKeysAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('file_uploads').select(['id', 'wrapped_key']).where('id', '>', afterId).where('wrapped_key', 'is not', null).orderBy('id').limit(limit).execute();
}

/** Compare-and-set, so a key replaced meanwhile (a shred) is not resurrected. */
export async function replaceFileKey(db: Db, id: string, from: string, to: string) {
  await db.updateTable('files').set({ wrapped_key: to }).where('id', '=', id).where('wrapped_key', '=', from).execute();
}

export async function replaceUploadKey(db: Db, id: string, from: string, to: string) {
  await db.updateTable('file_uploads').set({ wrapped_key: to }).where('id', '=', id).where('wrapped_key', '=', from).execute();
}

// The writer lease of an upload (upload-writer-lease.ts). Times are the database's clock, the one clock
// every API process shares (theirs may drift apart), not the app's `now`.

/** Takes the lease if nobody holds it (or the holder's ran out); true when taken. */
export async function claimUploadWriter(db: Db, id: string, token: string, leaseMs: number) {
  const row = await db
    .updateTable('file_uploads')
    .set({ writer_token: token, writer_until: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .where((eb) => eb.or([eb('writer_until', 'is', null), eb('writer_until', '<', sql<Date>`clock_timestamp()`)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Extends the lease while its holder still has it; false when it was lost (expired and taken over, or the upload is gone). */
export async function renewUploadWriter(db: Db, id: string, token: string, leaseMs: number) {
  const result = await db
    .updateTable('file_uploads')
    .set({ writer_until: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', '=', id)
    .where('writer_token', '=', token)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function releaseUploadWriter(db: Db, id: string, token: string) {
  await db.updateTable('file_uploads').set({ writer_token: null, writer_until: null }).where('id', '=', id).where('writer_token', '=', token).execute();
}

/** Whether some process (this one or another) is writing to the upload right now. */
export async function isUploadBeingWritten(db: Db, id: string) {
  const row = await db
    .selectFrom('file_uploads')
    .select('id')
    .where('id', '=', id)
    .where('writer_until', '>=', sql<Date>`clock_timestamp()`)
    .executeTakeFirst();
  return row !== undefined;
}
