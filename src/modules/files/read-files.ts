import { Readable } from 'node:stream';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { auditStaffRead, requireProjectAccess, type ProjectAccess } from '../projects/index.js';
import { requireFileAccess } from './file-access.js';
import { filePermissions } from './file-permissions.js';
import * as previews from './file-previews.store.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FileRow, FilesTables } from './files.tables.js';

/** A file as its reader sees it, with what they may do to it (the rules the use-cases enforce). */
export function presentFile(f: FileRow, access: ProjectAccess, principal: Principal, hasPreview: boolean) {
  return {
    ...filePermissions(access, principal, f),
    id: f.id,
    projectId: f.project_id,
    name: f.original_name,
    size: f.size_bytes,
    sha256: f.sha256,
    status: f.status,
    analysis: f.analysis,
    buildVolumeFit: f.build_volume_fit,
    rejectionReason: f.rejection_reason,
    uploadedBy: f.uploaded_by,
    createdAt: f.created_at,
    analysedAt: f.analysed_at,
    hasPreview,
  };
}

/** Completed uploads only: a partial upload is not a file. */
export async function listFiles(deps: FilesDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId);
    const db = tablesOf<FilesTables>(work);
    const files = await store.listFilesOfProject(db, projectId);
    const previewed = new Set(await previews.listPreviewedFileIds(db, files.map((f) => f.id)));
    await auditStaffRead(work, access, 'files', { fileIds: files.map((f) => f.id) });
    return files.map((f) => presentFile(f, access, principal, previewed.has(f.id)));
  });
}

export async function getFile(deps: FilesDeps, principal: Principal, fileId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { file, access } = await requireFileAccess(work, principal, fileId);
    await auditStaffRead(work, access, 'file', { fileId });
    const previewed = await previews.listPreviewedFileIds(tablesOf<FilesTables>(work), [fileId]);
    return presentFile(file, access, principal, previewed.length > 0);
  });
}

/**
 * The decrypted file as a stream. The first chunk is decrypted before answering, so tampering there is
 * a clean 422; tampering further in breaks the stream (the response ends short of its Content-Length),
 * never hands out an unauthenticated byte.
 */
export async function openDownload(deps: FilesDeps, principal: Principal, fileId: string, ctx: RequestContext) {
  const file = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { file, access } = await requireFileAccess(work, principal, fileId);
    await auditStaffRead(work, access, 'file_download', { fileId });
    return file;
  });
  const plaintext = await deps.fileVault.vault().readFile(file.storage_key, file.wrapped_key);
  const iterator = plaintext[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await iterator.next();
  } catch (error) {
    plaintext.destroy();
    throw error;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const body = Readable.from(rest(), { objectMode: false });
  body.once('close', () => plaintext.destroy());
  return { name: file.original_name, size: file.size_bytes, sha256: file.sha256, body };
}
