import type { RetentionDeps } from './retention.deps.js';
import * as store from './retention.store.js';

/** At worker start: a run a stopped process left unfinished is queued again (outside any transaction). */
export async function resumeUnfinishedRetention(deps: RetentionDeps): Promise<boolean> {
  if (!(await store.findRunningRun(deps.db))) return false;
  await deps.jobs.send(deps.retentionJob, {});
  return true;
}
