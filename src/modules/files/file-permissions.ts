import type { AppError } from '../../platform/errors/index.js';
import type { Principal, Role } from '../../platform/http/index.js';
import type { ProjectAccess } from '../projects/index.js';
import { filesErrors } from './files.errors.js';
import type { FileRow, UploadRow } from './files.tables.js';

/**
 * The permission policy of a project's files, on top of project access (requireProjectAccess): who
 * may see a project may read its files, but writing and deleting are narrower.
 */

/** Who may delete a file somebody else uploaded: admins only, always with a reason that is audited. */
export const FILE_DELETERS_ON_BEHALF = ['admin'] as const satisfies readonly Role[];

/**
 * An upload in progress belongs to its uploader alone: nobody else may ask its offset, write into it or
 * cancel it. The caller answers anyone else as if the upload did not exist.
 */
export function mayTouchUpload(principal: Principal, upload: Pick<UploadRow, 'uploaded_by'>): boolean {
  return upload.uploaded_by === principal.userId;
}

/**
 * What the caller may do to this file. The project's customer deletes the files of their own project,
 * and anyone deletes a file they uploaded themselves; deleting somebody else's file is done on their
 * behalf: it needs FILE_DELETERS_ON_BEHALF and a reason.
 */
export function filePermissions(access: ProjectAccess, principal: Principal, file: Pick<FileRow, 'uploaded_by'>) {
  const own = access.as === 'customer' || file.uploaded_by === principal.userId;
  if (own) return { canDelete: true, deleteNeedsReason: false };
  return { canDelete: (FILE_DELETERS_ON_BEHALF as readonly Role[]).includes(principal.role), deleteNeedsReason: true };
}

/** Why the caller may not delete the file with this reason, or null when they may. An absent reason is bad input first. */
export function deleteRefusal(access: ProjectAccess, principal: Principal, file: Pick<FileRow, 'uploaded_by'>, reason: string | undefined): AppError | null {
  const permissions = filePermissions(access, principal, file);
  if (!permissions.deleteNeedsReason) return null;
  if (!reason) return filesErrors.reasonRequired();
  if (!permissions.canDelete) return filesErrors.mayNotDeleteOthersFiles();
  return null;
}
