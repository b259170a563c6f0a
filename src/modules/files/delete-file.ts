import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireFileAccess } from './file-access.js';
import { deleteRefusal, filePermissions } from './file-permissions.js';
import { discardPreviewObject } from './file-previews.js';
import * as previews from './file-previews.store.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';

export type DeleteFileInput = { reason?: string | undefined };

/** The file, if the caller may delete it with this reason (see file-permissions.ts); refused otherwise. */
async function requireDeletable(work: Work, principal: Principal, fileId: string, input: DeleteFileInput, opts: { lock?: boolean } = {}) {
  const found = await requireFileAccess(work, principal, fileId, opts);
  const refusal = deleteRefusal(found.access, principal, found.file, input.reason);
  if (refusal) throw refusal;
  return found;
}

/**
 * Crypto-shredding (see platform/crypto/vault.ts): the row holding the wrapped key goes first, with its
 * audit entry, in one unit of work; from then the ciphertext is noise wherever copies of it live. Only
 * then is the ciphertext deleted, which merely frees space. The file's preview goes the same way: its
 * row (holding its own key) in the same unit of work, its object after. Deleting somebody else's file
 * records that it was done on their behalf, and why.
 */
export async function deleteFile(deps: FilesDeps, principal: Principal, fileId: string, input: DeleteFileInput, ctx: RequestContext) {
  const who = byPrincipal(principal, ctx);
  const { file } = await deps.uow.run(who, (work) => requireDeletable(work, principal, fileId, input));
  let previewObject: string | undefined;
  await deps.fileVault.vault().shredFile(file.storage_key, async () => {
    await deps.uow.run(who, async (work) => {
      const db = tablesOf<FilesTables>(work);
      const { access } = await requireDeletable(work, principal, fileId, input, { lock: true });
      const onBehalf = filePermissions(access, principal, file).deleteNeedsReason;
      previewObject = await previews.deletePreview(db, fileId);
      await store.deleteFile(db, fileId);
      await store.deleteUpload(db, fileId);
      await work.audit({
        action: 'files.deleted',
        subjectId: access.project.customer_id,
        target: { type: 'file', id: fileId },
        details: { projectId: file.project_id, sha256: file.sha256, onBehalf, ...(onBehalf ? { reason: input.reason } : {}) },
      });
    });
  });
  if (previewObject !== undefined) await discardPreviewObject(deps, previewObject);
}
