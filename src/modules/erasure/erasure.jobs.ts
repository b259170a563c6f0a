import { z } from 'zod';
import { defineJob, type JobDefinition, type ModuleJob } from '../../platform/jobs/index.js';
import type { ErasureBaseDeps } from './erasure.deps.js';
import { runErasure } from './run-erasure.js';

/** `rights.erase` v1: resumable; a retry continues after the last table it committed. */
export function defineErasureJob(deps: ErasureBaseDeps) {
  return defineJob<{ erasureId: string }>({
    name: 'rights.erase',
    version: 1,
    schema: z.object({ erasureId: z.uuid() }),
    handler: async ({ erasureId }, ctx) => runErasure(deps, erasureId, { attempt: ctx.attempt }),
    retryLimit: 10,
    retryDelaySeconds: 30,
    retryBackoff: true,
    // Where workers share PostgreSQL, a job whose worker died is retried only once it expires. An
    // erasure is short table-by-table work (100,000 rows in seconds), and a retry racing a slow first
    // run is safe (each table step locks the erasure row and skips tables already done), so expire soon.
    expireInSeconds: 30 * 60,
    policy: 'singleton',
  });
}

/** The erasure module's jobs, each with its schedule, for the app to register. */
export function erasureJobs(deps: { erasureJob: JobDefinition<{ erasureId: string }> }): ModuleJob[] {
  return [{ job: deps.erasureJob }];
}
