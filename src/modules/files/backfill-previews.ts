import { isAppError } from '../../platform/errors/index.js';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { findProject } from '../projects/index.js';
import { recordPreview, storePreview } from './file-previews.js';
import * as previews from './file-previews.store.js';
import type { FilesBaseDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';

/**
 * Files one run previews at most: each is decrypted and parsed whole again, so a nightly run stays
 * short and a backlog of files analysed before previews existed clears over a few nights.
 */
export const BACKFILL_BATCH = 50;

/**
 * Makes the previews that files analysed before previews existed lack (oldest first), each recorded
 * in its own unit of work with its audit entry. A file deleted or erased meanwhile gets none (its
 * object is discarded). A mesh no preview can be made of is skipped and tried again next run.
 */
export async function backfillPreviews(deps: FilesBaseDeps, batch: number = BACKFILL_BATCH): Promise<number> {
  const pending = await previews.listAnalysedWithoutPreview(deps.db, batch);
  let made = 0;
  for (const file of pending) {
    const plaintext = await deps.fileVault.vault().readFile(file.storage_key, file.wrapped_key);
    let glb: Uint8Array | null;
    try {
      glb = (await deps.analyser.analyze(plaintext, { filename: file.original_name, byteLength: file.size_bytes })).preview;
    } catch (error) {
      if (!isAppError(error) || error.code === 'unavailable') throw error;
      glb = null;
    } finally {
      plaintext.destroy();
    }
    if (!glb) continue;
    const kept = await storePreview(deps, glb, (object) =>
      deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
        const row = await store.findFile(tablesOf<FilesTables>(work), file.id, { lock: true });
        if (!object || !row || row.status !== 'analysed') return false;
        const project = await findProject(work, row.project_id);
        if (!project || !(await recordPreview(work, row, object, deps.now()))) return false;
        await work.audit({ action: 'files.preview_made', subjectId: project.customer_id, target: { type: 'file', id: row.id }, details: { projectId: project.id } });
        return true;
      }),
    );
    if (kept) made++;
  }
  if (made > 0) deps.log.info({ previews: made }, 'previews made for files analysed before previews existed');
  return made;
}
