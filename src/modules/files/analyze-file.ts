import { isAppError } from '../../platform/errors/index.js';
import type { JobContext } from '../../platform/jobs/index.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.js';
import { analyzeModelStream, checkBuildVolumes, ZLengthUnit } from '../models/index.js';
import { notifyCustomer } from '../projects/index.js';
import type { FilesBaseDeps } from './files.deps.js';
import * as store from './files.store.js';

/**
 * A refused model (corrupt, truncated, too large, not a mesh) is a result, not a failure: the file is
 * marked rejected with the reason the analyser gave, for the customer to read. Only the installation's
 * own trouble (storage down, a master key missing) fails the job so it is retried.
 */
export async function analyzeFile(deps: FilesBaseDeps, fileId: string, ctx: Pick<JobContext, 'log'>) {
  const file = await store.findFile(deps.db, fileId);
  if (!file || file.status !== 'uploaded') return; // shredded meanwhile, or a retry after success
  const project = await deps.db.selectFrom('projects').select(['id', 'customer_id', 'units']).where('id', '=', file.project_id).executeTakeFirst();
  if (!project) return;
  const units = ZLengthUnit.catch('mm').parse(project.units);
  let outcome: { ok: true; analysis: Awaited<ReturnType<typeof analyzeModelStream>> } | { ok: false; reason: string };
  const plaintext = await deps.fileVault.vault().readFile(file.storage_key, file.wrapped_key);
  try {
    outcome = { ok: true, analysis: await analyzeModelStream(plaintext, { filename: file.original_name, byteLength: file.size_bytes, units }) };
  } catch (error) {
    if (!isAppError(error) || error.code === 'unavailable') throw error;
    outcome = { ok: false, reason: error.message };
  } finally {
    plaintext.destroy();
  }
  const now = deps.now();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const stored = outcome.ok
      ? await store.storeAnalysis(trx, fileId, outcome.analysis, checkBuildVolumes(outcome.analysis, deps.operator.processes), now)
      : await store.storeRejection(trx, fileId, outcome.reason, now);
    if (!stored) return [];
    await recordAudit(trx, deps, {
      actor: SYSTEM_ACTOR,
      action: outcome.ok ? 'files.analysed' : 'files.rejected',
      subjectId: project.customer_id,
      target: { type: 'file', id: fileId },
      details: { projectId: project.id },
    });
    const message = outcome.ok
      ? { kind: 'files.analysed', subject: `${file.original_name} is ready`, text: `We checked ${file.original_name}: ${outcome.analysis.triangles.toLocaleString('en-US')} triangles${outcome.analysis.watertight ? ', watertight' : ', not watertight'}. You can now ask for a quote.` }
      : { kind: 'files.rejected', subject: `We could not use ${file.original_name}`, text: `We could not read ${file.original_name}: ${outcome.reason}` };
    return notifyCustomer(trx, deps, project, () => message, { email: false });
  });
  for (const deliver of deliveries) await deliver();
  ctx.log.info({ fileId, outcome: outcome.ok ? 'analysed' : 'rejected' }, 'model analysed');
}
