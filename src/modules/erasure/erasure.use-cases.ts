import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import type { ErasureBaseDeps, ErasureDeps } from './erasure.deps.js';
import { defineErasureJob } from './erasure.jobs.js';
import { eraseMyAccount, readErasure } from './my-erasure.js';
import { replayErasures } from './replay-erasures.js';
import { requeueHeldErasures } from './requeue-held-erasures.js';
import { resumeUnfinishedErasures } from './resume-erasures.js';
import { eraseAccount, runErasure, startErasure } from './run-erasure.js';

/** The module's use-cases, for the app to bind once to their deps (`bindUseCases`). */
export const erasureUseCases = {
  eraseMe: eraseMyAccount,
  readErasure,
  eraseAccount,
  /** Runs (or resumes) an erasure in this process; the job calls the same. */
  runErasure,
  replayErasures,
  /** At worker start: erasures a stopped process left unfinished are queued again. */
  resumeUnfinishedErasures,
  /** For other modules: `startErasure(work, { userId, origin, actor? })` inside their work. */
  startErasure,
  /** For the app, when a legal hold is released: `requeueHeldErasures(work, holdId)` inside that work. */
  requeueHeldErasures,
};

export type ErasureService = BoundUseCases<ErasureDeps, typeof erasureUseCases>;

/** The deps with the module's job, which the use-cases queue. */
export function createErasureDeps(base: ErasureBaseDeps): ErasureDeps {
  return { ...base, erasureJob: defineErasureJob(base) };
}
