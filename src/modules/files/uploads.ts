import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isAppError } from '../../platform/errors/index.js';
import type { VaultFileInfo } from '../../platform/crypto/index.js';
import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit, type TActor } from '../audit/index.js';
import { acceptsFiles, requireProjectAccess } from '../projects/index.js';
import { requireUploadAccess } from './file-access.js';
import { storageKeyFor } from './file-vault.js';
import type { FilesDeps } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import * as store from './files.store.js';
import type { UploadRow } from './files.tables.js';

/** Refuses what the configuration does not accept before a byte is stored. */
export function checkUploadLimits(deps: Pick<FilesDeps, 'limits'>, filename: string, length: number) {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (!deps.limits.extensions.includes(extension)) throw filesErrors.badType(filename, deps.limits.extensions);
  if (length > deps.limits.maxBytes) throw filesErrors.tooLarge(length, deps.limits.maxBytes);
}

/** tus creation: an upload resource with its own data key; no file exists until the last byte arrives. */
export async function beginUpload(deps: FilesDeps, principal: Principal, projectId: string, input: { filename: string; length: number }, ctx: RequestContext) {
  checkUploadLimits(deps, input.filename, input.length);
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId);
    if (!acceptsFiles(access.project.status)) throw filesErrors.projectClosed(access.project.status);
    const { wrappedKey } = deps.fileVault.uploads().begin();
    await store.insertUpload(trx, {
      id,
      project_id: projectId,
      uploaded_by: principal.userId,
      original_name: input.filename,
      upload_length: input.length,
      wrapped_key: wrappedKey,
      storage_key: storageKeyFor(id),
      created_at: deps.now(),
      completed_at: null,
    });
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'files.upload_started',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: projectId },
      requestId: ctx.requestId,
      details: { uploadId: id, length: input.length },
    });
  });
  return { id };
}

/** tus HEAD: where to resume, from the stored parts alone (right after a restart too). */
export async function uploadOffset(deps: FilesDeps, principal: Principal, uploadId: string, ctx: RequestContext) {
  const { upload, access } = await requireUploadAccess(deps.db, principal, uploadId);
  if (upload.completed_at || upload.wrapped_key === null) return { offset: upload.upload_length, length: upload.upload_length };
  const status = await deps.fileVault.uploads().status(upload.storage_key);
  // A PATCH of this process is finishing it: it registers the file in a moment.
  if (status.state === 'receiving' || deps.busyUploads.has(uploadId)) return { offset: status.offset, length: upload.upload_length };
  // Every byte is stored but the file was not registered (a crash in between): finish before saying "done".
  await finishStoredUpload(deps, upload, upload.wrapped_key, access.actor, ctx.requestId);
  return { offset: upload.upload_length, length: upload.upload_length };
}

export type AppendInput = { offset: number; contentLength: number; body: Readable; aborted: () => boolean };

/** tus PATCH: streams one piece into the vault; the last piece turns the upload into a file and queues its analysis. */
export async function appendUpload(deps: FilesDeps, principal: Principal, uploadId: string, input: AppendInput, ctx: RequestContext) {
  const { upload, access } = await requireUploadAccess(deps.db, principal, uploadId);
  if (upload.completed_at || upload.wrapped_key === null) throw filesErrors.alreadyComplete();
  const wrappedKey = upload.wrapped_key;
  if (input.offset + input.contentLength > upload.upload_length) throw filesErrors.pastEnd(input.offset, input.contentLength, upload.upload_length);
  if (deps.busyUploads.has(uploadId)) throw filesErrors.uploadBusy();
  deps.busyUploads.add(uploadId);
  try {
    const uploads = deps.fileVault.uploads();
    const status = await uploads.status(upload.storage_key);
    if (status.state !== 'receiving') {
      await finishStoredUpload(deps, upload, wrappedKey, access.actor, ctx.requestId);
      return { offset: upload.upload_length };
    }
    if (input.offset !== status.offset) throw filesErrors.wrongOffset(status.offset, input.offset);
    const isLast = input.offset + input.contentLength === upload.upload_length;
    let result;
    try {
      result = await uploads.append(upload.storage_key, wrappedKey, { offset: input.offset, body: input.body, isLast, totalSize: upload.upload_length });
    } catch (error) {
      if (!isAppError(error) && input.aborted()) throw filesErrors.interrupted();
      throw error;
    }
    if (result.file) await registerFile(deps, upload, result.file, access.actor, ctx.requestId);
    return { offset: result.offset };
  } finally {
    deps.busyUploads.delete(uploadId);
  }
}

/** All bytes were stored earlier but registering the file did not happen: both steps are idempotent. */
async function finishStoredUpload(deps: FilesDeps, upload: UploadRow, wrappedKey: string, actor: TActor, requestId: string) {
  const file = await deps.fileVault.uploads().complete(upload.storage_key, wrappedKey);
  await registerFile(deps, upload, file, actor, requestId);
}

/** One transaction: the file row (with the key), the finished upload, the audit entry and the analysis job. */
async function registerFile(deps: FilesDeps, upload: UploadRow, file: VaultFileInfo, actor: TActor, requestId: string) {
  if (file.plaintextSize !== upload.upload_length) throw filesErrors.sizeMismatch(upload.upload_length, file.plaintextSize);
  await deps.db.transaction().execute(async (trx) => {
    const current = await store.findUpload(trx, upload.id);
    if (!current || current.completed_at) return;
    const now = deps.now();
    await store.insertFile(trx, {
      id: upload.id,
      project_id: upload.project_id,
      uploaded_by: upload.uploaded_by,
      original_name: upload.original_name,
      size_bytes: file.plaintextSize,
      sha256: file.sha256,
      wrapped_key: file.wrappedKey,
      storage_key: upload.storage_key,
      status: 'uploaded',
      rejection_reason: null,
      created_at: now,
      analysed_at: null,
    });
    await store.markUploadCompleted(trx, upload.id, now);
    const project = await trx.selectFrom('projects').select('customer_id').where('id', '=', upload.project_id).executeTakeFirst();
    await recordAudit(trx, deps, {
      actor,
      action: 'files.uploaded',
      subjectId: project?.customer_id ?? null,
      target: { type: 'file', id: upload.id },
      requestId,
      details: { projectId: upload.project_id, size: file.plaintextSize },
    });
    await deps.jobs.send(deps.analyzeJob, { fileId: upload.id }, { transaction: trx });
  });
}

/** tus termination: the stored parts and the key go; a finished upload is deleted as a file instead. */
export async function terminateUpload(deps: FilesDeps, principal: Principal, uploadId: string, ctx: RequestContext) {
  const { upload, access } = await requireUploadAccess(deps.db, principal, uploadId);
  if (upload.completed_at) throw filesErrors.alreadyComplete();
  if (deps.busyUploads.has(uploadId)) throw filesErrors.uploadBusy();
  await deps.db.transaction().execute(async (trx) => {
    await store.deleteUpload(trx, uploadId);
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'files.upload_cancelled',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: upload.project_id },
      requestId: ctx.requestId,
      details: { uploadId },
    });
  });
  await discardStoredParts(deps, upload.storage_key);
}

/** After the upload's row (and with it its key) is deleted: what is left in storage is unreadable already; free the space. */
export async function discardStoredParts(deps: Pick<FilesDeps, 'fileVault'>, storageKey: string) {
  await deps.fileVault.uploads().abort(storageKey);
  await deps.fileVault.storage.delete(storageKey);
}
