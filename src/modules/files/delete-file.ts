import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { requireFileAccess } from './file-access.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';

/**
 * Crypto-shredding (see platform/crypto/vault.ts): the row holding the wrapped key goes first, with its
 * audit entry, in one unit of work; from then the ciphertext is noise wherever copies of it live. Only
 * then is the ciphertext deleted, which merely frees space.
 */
export async function deleteFile(deps: FilesDeps, principal: Principal, fileId: string, ctx: RequestContext) {
  const who = byPrincipal(principal, ctx);
  const { file } = await deps.uow.run(who, (work) => requireFileAccess(work, principal, fileId));
  await deps.fileVault.vault().shredFile(file.storage_key, async () => {
    await deps.uow.run(who, async (work) => {
      const db = tablesOf<FilesTables>(work);
      const { access } = await requireFileAccess(work, principal, fileId, { lock: true });
      await store.deleteFile(db, fileId);
      await store.deleteUpload(db, fileId);
      await work.audit({
        action: 'files.shredded',
        subjectId: access.project.customer_id,
        target: { type: 'file', id: fileId },
        details: { projectId: file.project_id, sha256: file.sha256 },
      });
    });
  });
}
