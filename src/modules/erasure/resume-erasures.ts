import type { ErasureDeps } from './erasure.deps.js';
import * as store from './erasure.store.js';

/**
 * Queues the erasure job again for every erasure not yet completed. An erasure started by the job
 * resumes through the job's retry; this covers the ones run in-process (`meshvault erasure run`, a
 * replay) whose process was killed, and any whose job was lost. Running an erasure twice is harmless:
 * it is idempotent, and the queue's singleton policy runs one at a time.
 */
export async function resumeUnfinishedErasures(deps: ErasureDeps): Promise<number> {
  const open = await store.listUnfinishedErasureIds(deps.db);
  for (const id of open) await deps.jobs.send(deps.erasureJob, { erasureId: id });
  if (open.length > 0) deps.log.info({ erasures: open.length }, 'unfinished erasures queued again');
  return open.length;
}
