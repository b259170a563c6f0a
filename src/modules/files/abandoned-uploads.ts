import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { findProject } from '../projects/index.js';
import type { FilesDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';
import { abandonAfterMs } from './upload-expiry.js';
import { discardStoredParts } from './uploads.js';
import { UPLOAD_WRITER_LEASE_MS } from './upload-writer-lease.js';

/**
 * Uploads started `limits.abandonAfterDays` ago and never finished hold parts of someone's
 * confidential model that no file will ever point to: each is discarded, its row (and key) first in
 * one unit of work with the audit entry, then its stored parts. Uploads receiving bytes right now are left.
 */
export async function discardAbandonedUploads(deps: FilesDeps): Promise<number> {
  // Exactly the uploads whose Upload-Expires (upload-expiry.ts) has passed.
  const cutoff = new Date(deps.now().getTime() - abandonAfterMs(deps));
  const stale = await store.listUnfinishedUploadsBefore(deps.db, cutoff);
  let discarded = 0;
  for (const upload of stale) {
    const deleted = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tablesOf<FilesTables>(work);
      // Finished or cancelled meanwhile: nothing to do.
      const row = await store.findUpload(db, upload.id);
      if (!row || row.completed_at) return false;
      // Receiving bytes right now, in any API process: left for now (taking the lease keeps PATCHes out until the row is gone).
      if (!(await store.claimUploadWriter(db, upload.id, randomUUID(), UPLOAD_WRITER_LEASE_MS))) return false;
      // Whose it was, for the audit entry (the upload goes with its project, so the project is there).
      const project = await findProject(work, upload.project_id);
      if (!project) return false;
      await store.deleteUpload(db, upload.id);
      await work.audit({
        action: 'files.upload_abandoned',
        subjectId: project.customer_id,
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
