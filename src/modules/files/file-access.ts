import type { Queryable } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { requireProjectAccess, type ProjectAccess } from '../projects/index.js';
import type { FilesDb } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import * as store from './files.store.js';

/** Whoever may see a project may touch its files (its customer, its assigned staff, admins); others get 404. */
export async function projectAccessAs404(db: Queryable<FilesDb>, principal: Principal, projectId: string, notFound: () => Error): Promise<ProjectAccess> {
  try {
    return await requireProjectAccess(db, principal, projectId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw notFound();
    throw error;
  }
}

export async function requireFileAccess(db: Queryable<FilesDb>, principal: Principal, fileId: string, opts: { lock?: boolean } = {}) {
  const file = await store.findFile(db, fileId, opts);
  if (!file) throw filesErrors.fileNotFound();
  const access = await projectAccessAs404(db, principal, file.project_id, filesErrors.fileNotFound);
  return { file, access };
}

export async function requireUploadAccess(db: Queryable<FilesDb>, principal: Principal, uploadId: string) {
  const upload = await store.findUpload(db, uploadId);
  if (!upload) throw filesErrors.uploadNotFound();
  const access = await projectAccessAs404(db, principal, upload.project_id, filesErrors.uploadNotFound);
  return { upload, access };
}
