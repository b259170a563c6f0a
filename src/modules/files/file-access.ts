import { isAppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireProjectAccess, type ProjectAccess } from '../projects/index.js';
import { mayTouchUpload } from './file-permissions.js';
import { filesErrors } from './files.errors.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';

/** Whoever may see a project may touch its files (its customer, its assigned staff, admins); others get 404. */
export async function projectAccessAs404(work: Work, principal: Principal, projectId: string, notFound: () => Error): Promise<ProjectAccess> {
  try {
    return await requireProjectAccess(work, principal, projectId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw notFound();
    throw error;
  }
}

export async function requireFileAccess(work: Work, principal: Principal, fileId: string, opts: { lock?: boolean } = {}) {
  const file = await store.findFile(tablesOf<FilesTables>(work), fileId, opts);
  if (!file) throw filesErrors.fileNotFound();
  const access = await projectAccessAs404(work, principal, file.project_id, filesErrors.fileNotFound);
  return { file, access };
}

/** An upload (tus HEAD, PATCH, DELETE) is its uploader's alone: anyone else gets the 404 of an unknown upload. */
export async function requireUploadAccess(work: Work, principal: Principal, uploadId: string) {
  const upload = await store.findUpload(tablesOf<FilesTables>(work), uploadId);
  if (!upload || !mayTouchUpload(principal, upload)) throw filesErrors.uploadNotFound();
  const access = await projectAccessAs404(work, principal, upload.project_id, filesErrors.uploadNotFound);
  return { upload, access };
}
