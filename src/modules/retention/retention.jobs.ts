import { defineJob, EMPTY_PAYLOAD, type JobDefinition, type ModuleJob } from '../../platform/jobs/index.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import { runRetention } from './run-retention.js';

/** `retention.run` v1: daily; resumes the run a stopped process left, else starts one. */
export function defineRetentionJob(deps: RetentionBaseDeps) {
  return defineJob<Record<string, never>>({
    name: 'retention.run',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await runRetention(deps);
    },
    retryLimit: 5,
    retryDelaySeconds: 300,
    retryBackoff: true,
    // Batches are short; a retry racing a slow first run is safe (each batch locks the run row).
    expireInSeconds: 6 * 3600,
    policy: 'singleton',
  });
}

/** The retention module's jobs, each with its schedule, for the app to register. */
export function retentionJobs(deps: { retentionJob: JobDefinition<Record<string, never>> }): ModuleJob[] {
  return [{ job: deps.retentionJob, schedule: '45 2 * * *' }];
}
