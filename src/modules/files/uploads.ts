import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isAppError } from '../../platform/errors/index.js';
import type { VaultChecksum, VaultFileInfo } from '../../platform/crypto/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Who } from '../../platform/unit-of-work/index.js';
import { acceptsFiles, findProject, requireProjectAccess } from '../projects/index.js';
import { requireUploadAccess } from './file-access.js';
import { storageKeyFor } from './file-vault.js';
import type { FilesDeps } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import * as store from './files.store.js';
import { uploadExpiresAt } from './upload-expiry.js';
import { isUploadBeingWritten, UPLOAD_WRITER_LEASE_MS, withUploadWriter } from './upload-writer-lease.js';
import type { FilesTables, UploadRow } from './files.tables.js';

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
  const createdAt = deps.now();
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId);
    if (!acceptsFiles(access.project.status)) throw filesErrors.projectClosed(access.project.status);
    const { wrappedKey } = deps.fileVault.uploads().begin();
    await store.insertUpload(tablesOf<FilesTables>(work), {
      id,
      project_id: projectId,
      uploaded_by: principal.userId,
      original_name: input.filename,
      upload_length: input.length,
      wrapped_key: wrappedKey,
      storage_key: storageKeyFor(id),
      created_at: createdAt,
      completed_at: null,
      writer_token: null,
      writer_until: null,
    });
    await work.audit({
      action: 'files.upload_started',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: projectId },
      details: { uploadId: id, length: input.length },
    });
  });
  return { id, expiresAt: uploadExpiresAt(deps, createdAt) };
}

/** tus HEAD: where to resume, from the stored parts and tail alone (right after a restart too); `expiresAt` while unfinished. */
export async function uploadOffset(deps: FilesDeps, principal: Principal, uploadId: string, ctx: RequestContext) {
  const who = byPrincipal(principal, ctx);
  const { upload } = await deps.uow.run(who, (work) => requireUploadAccess(work, principal, uploadId));
  const done = { offset: upload.upload_length, length: upload.upload_length, expiresAt: null };
  if (upload.completed_at || upload.wrapped_key === null) return done;
  const status = await deps.fileVault.uploads().status(upload.storage_key);
  // A PATCH (of any API process) is finishing it: it registers the file in a moment.
  if (status.state === 'receiving' || (await isUploadBeingWritten(deps, uploadId))) {
    return { offset: status.offset, length: upload.upload_length, expiresAt: uploadExpiresAt(deps, upload.created_at) };
  }
  // Every byte is stored but the file was not registered (a crash in between): finish before saying "done".
  await finishStoredUpload(deps, upload, upload.wrapped_key, who);
  return done;
}

export type AppendInput = {
  offset: number;
  /** Content-Length when the request has one: a piece announced past the declared size is refused before it is read. */
  contentLength: number | undefined;
  body: Readable | AsyncIterable<Uint8Array>;
  aborted: () => boolean;
  /** tus checksum extension: the piece is kept only whole and only if it matches. */
  checksum?: VaultChecksum;
};

/**
 * tus PATCH: streams one piece into the vault. Every byte that arrives is kept, also when the connection
 * breaks (whole chunks as records, the rest as the sealed tail), so the offset answered is exactly the
 * bytes received; the last piece turns the upload into a file and queues its analysis.
 */
export async function appendUpload(deps: FilesDeps, principal: Principal, uploadId: string, input: AppendInput, ctx: RequestContext) {
  const who = byPrincipal(principal, ctx);
  const { upload } = await deps.uow.run(who, (work) => requireUploadAccess(work, principal, uploadId));
  if (upload.completed_at || upload.wrapped_key === null) throw filesErrors.alreadyComplete();
  const wrappedKey = upload.wrapped_key;
  if (input.contentLength !== undefined && input.offset + input.contentLength > upload.upload_length) {
    throw filesErrors.pastEnd(input.offset, input.contentLength, upload.upload_length);
  }
  return withUploadWriter(deps, uploadId, async () => {
    const uploads = deps.fileVault.uploads();
    const status = await uploads.status(upload.storage_key);
    if (status.state !== 'receiving') {
      await finishStoredUpload(deps, upload, wrappedKey, who);
      return { offset: upload.upload_length, expiresAt: null };
    }
    if (input.offset !== status.offset) throw filesErrors.wrongOffset(status.offset, input.offset);
    const isLast = input.contentLength !== undefined && input.offset + input.contentLength === upload.upload_length;
    let result;
    try {
      result = await uploads.append(upload.storage_key, wrappedKey, {
        offset: input.offset,
        body: input.body,
        isLast,
        totalSize: upload.upload_length,
        ...(input.checksum ? { checksum: input.checksum } : {}),
      });
    } catch (error) {
      if (!isAppError(error) && input.aborted()) throw filesErrors.interrupted();
      throw error;
    }
    if (result.file) await registerFile(deps, upload, result.file, who);
    return { offset: result.offset, expiresAt: result.file ? null : uploadExpiresAt(deps, upload.created_at) };
  });
}

/** All bytes were stored earlier but registering the file did not happen: both steps are idempotent. */
async function finishStoredUpload(deps: FilesDeps, upload: UploadRow, wrappedKey: string, who: Who) {
  const file = await deps.fileVault.uploads().complete(upload.storage_key, wrappedKey);
  await registerFile(deps, upload, file, who);
}

/** One unit of work: the file row (with the key), the finished upload, the audit entry and the analysis job. */
async function registerFile(deps: FilesDeps, upload: UploadRow, file: VaultFileInfo, who: Who) {
  if (file.plaintextSize !== upload.upload_length) throw filesErrors.sizeMismatch(upload.upload_length, file.plaintextSize);
  await deps.uow.run(who, async (work) => {
    const db = tablesOf<FilesTables>(work);
    const current = await store.findUpload(db, upload.id);
    if (!current || current.completed_at) return;
    const now = deps.now();
    await store.insertFile(db, {
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
    await store.markUploadCompleted(db, upload.id, now);
    const project = await findProject(work, upload.project_id);
    await work.audit({
      action: 'files.uploaded',
      subjectId: project?.customer_id ?? null,
      target: { type: 'file', id: upload.id },
      details: { projectId: upload.project_id, size: file.plaintextSize },
    });
    await work.enqueue(deps.analyzeJob, { fileId: upload.id });
  });
}

/** tus termination: the stored parts and the key go; a finished upload is deleted as a file instead. */
export async function terminateUpload(deps: FilesDeps, principal: Principal, uploadId: string, ctx: RequestContext) {
  const upload = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { upload, access } = await requireUploadAccess(work, principal, uploadId);
    if (upload.completed_at) throw filesErrors.alreadyComplete();
    const db = tablesOf<FilesTables>(work);
    // Taking the writer lease in this work keeps any process's PATCH out until the row is gone.
    if (!(await store.claimUploadWriter(db, uploadId, randomUUID(), UPLOAD_WRITER_LEASE_MS))) throw filesErrors.uploadBusy();
    await store.deleteUpload(db, uploadId);
    await work.audit({
      action: 'files.upload_cancelled',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: upload.project_id },
      details: { uploadId },
    });
    return upload;
  });
  await discardStoredParts(deps, upload.storage_key);
}

/** After the upload's row (and with it its key) is deleted: what is left in storage is unreadable already; free the space. */
export async function discardStoredParts(deps: Pick<FilesDeps, 'fileVault'>, storageKey: string) {
  await deps.fileVault.uploads().abort(storageKey);
  await deps.fileVault.storage.delete(storageKey);
}
