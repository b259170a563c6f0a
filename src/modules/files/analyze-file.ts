import { isAppError, type AppError } from '../../platform/errors/index.js';
import type { JobContext } from '../../platform/jobs/index.js';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { checkBuildVolumes, ZLengthUnit, type ModelAnalysis } from '../models/index.js';
import { findProject, notifyCustomer } from '../projects/index.js';
import { recordPreview, storePreview } from './file-previews.js';
import type { FilesBaseDeps } from './files.deps.js';
import * as store from './files.store.js';
import type { FilesTables } from './files.tables.js';
import { filesMails } from './files.mails.js';

/** Retries of the analysis job after its first attempt. */
export const analyzeRetryLimit = 2;

/**
 * A refused model (corrupt, truncated, too large, more memory than the budget, not a mesh) is a result,
 * not a failure: the file is marked rejected with the reason the analyser gave, for the customer to
 * read. Only the installation's own trouble (storage down, a master key missing) fails the job so it is
 * retried; an analyser that dies on the file is retried too, and on the last attempt the file is rejected.
 * The analysis runs in a child process fed the decrypted bytes through a pipe (see createModelAnalyser);
 * a light preview made from the same parse is stored beside the analysis (see file-previews.ts).
 */
export async function analyzeFile(deps: FilesBaseDeps, fileId: string, ctx: Pick<JobContext, 'log' | 'attempt' | 'signal'>) {
  const file = await store.findFile(deps.db, fileId);
  if (!file || file.status !== 'uploaded') return; // shredded meanwhile, or a retry after success
  const project = await deps.uow.run({ actor: SYSTEM_ACTOR }, (work) => findProject(work, file.project_id));
  if (!project) return;
  const units = ZLengthUnit.catch('mm').parse(project.units);
  let outcome: { ok: true; analysis: ModelAnalysis; preview: Uint8Array | null } | { ok: false; reason: string };
  const plaintext = await deps.fileVault.vault().readFile(file.storage_key, file.wrapped_key);
  try {
    const { analysis, preview } = await deps.analyser.analyze(plaintext, { filename: file.original_name, byteLength: file.size_bytes, units, signal: ctx.signal });
    outcome = { ok: true, analysis, preview };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'unavailable' && !(isAnalyserCrash(error) && ctx.attempt >= analyzeRetryLimit)) throw error;
    outcome = { ok: false, reason: isAnalyserCrash(error) ? 'The analysis of this file failed every time it was tried; the file may be corrupt.' : error.message };
  } finally {
    plaintext.destroy();
  }
  const now = deps.now();
  await storePreview(deps, outcome.ok ? outcome.preview : null, (preview) =>
    deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tablesOf<FilesTables>(work);
      const stored = outcome.ok
        ? await store.storeAnalysis(db, fileId, outcome.analysis, checkBuildVolumes(outcome.analysis, deps.operator.processes), now)
        : await store.storeRejection(db, fileId, outcome.reason, now);
      if (!stored) return false; // a retry found the work done
      const previewKept = preview !== null && (await recordPreview(work, file, preview, now));
      await work.audit({
        action: outcome.ok ? 'files.analysed' : 'files.rejected',
        subjectId: project.customer_id,
        target: { type: 'file', id: fileId },
        details: { projectId: project.id, ...(outcome.ok ? { preview: previewKept } : {}) },
      });
      const message = outcome.ok
        ? filesMails.analysed(file.original_name, outcome.analysis.triangles, outcome.analysis.watertight)
        : filesMails.rejected(file.original_name, outcome.reason);
      await notifyCustomer(work, deps, project, () => message, { email: false });
      return previewKept;
    }),
  );
  ctx.log.info({ fileId, outcome: outcome.ok ? 'analysed' : 'rejected' }, 'model analysed');
}

function isAnalyserCrash(error: AppError): boolean {
  return error.details.reason === 'crashed';
}
