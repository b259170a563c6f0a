import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { requireFileAccess } from './file-access.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';

/**
 * Crypto-shredding (see platform/crypto/vault.ts): the row holding the wrapped key goes first, with its
 * audit entry, in one transaction; from then the ciphertext is noise wherever copies of it live. Only
 * then is the ciphertext deleted, which merely frees space.
 */
export async function deleteFile(deps: FilesDeps, principal: Principal, fileId: string, ctx: RequestContext) {
  const { file } = await requireFileAccess(deps.db, principal, fileId);
  await deps.fileVault.vault().shredFile(file.storage_key, async () => {
    await deps.db.transaction().execute(async (trx) => {
      const { access } = await requireFileAccess(trx, principal, fileId, { lock: true });
      await store.deleteFile(trx, fileId);
      await store.deleteUpload(trx, fileId);
      await recordAudit(trx, deps, {
        actor: access.actor,
        action: 'files.shredded',
        subjectId: access.project.customer_id,
        target: { type: 'file', id: fileId },
        requestId: ctx.requestId,
        details: { projectId: file.project_id, sha256: file.sha256 },
      });
    });
  });
}
