import { recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';
import { discardStoredParts } from './uploads.js';

/**
 * Uploads started `limits.abandonAfterDays` ago and never finished hold parts of someone's
 * confidential model that no file will ever point to: each is discarded, its row (and key) first in
 * a transaction with the audit entry, then its stored parts. Uploads receiving bytes right now are left.
 */
export async function discardAbandonedUploads(deps: FilesDeps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.limits.abandonAfterDays * 86_400_000);
  const stale = await deps.db
    .selectFrom('file_uploads')
    .innerJoin('projects', 'projects.id', 'file_uploads.project_id')
    .select(['file_uploads.id', 'file_uploads.storage_key', 'file_uploads.project_id', 'projects.customer_id'])
    .where('file_uploads.completed_at', 'is', null)
    .where('file_uploads.created_at', '<', cutoff)
    .execute();
  let discarded = 0;
  for (const upload of stale) {
    if (deps.busyUploads.has(upload.id)) continue;
    const deleted = await deps.db.transaction().execute(async (trx) => {
      // Finished or cancelled meanwhile: nothing to do.
      const row = await store.findUpload(trx, upload.id);
      if (!row || row.completed_at) return false;
      await store.deleteUpload(trx, upload.id);
      await recordAudit(trx, deps, {
        actor: SYSTEM_ACTOR,
        action: 'files.upload_abandoned',
        subjectId: upload.customer_id,
        target: { type: 'project', id: upload.project_id },
        details: { uploadId: upload.id, afterDays: deps.limits.abandonAfterDays },
      });
      return true;
    });
    if (!deleted) continue;
    await discardStoredParts(deps, upload.storage_key);
    discarded++;
  }
  if (discarded > 0) deps.log.info({ uploads: discarded }, 'abandoned uploads discarded');
  return discarded;
}
