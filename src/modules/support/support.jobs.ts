import { defineJob, EMPTY_PAYLOAD, type ModuleJob } from '../../platform/jobs/index.js';
import { purgeUnconfirmedTickets } from './purge-unconfirmed.js';
import type { SupportDeps } from './support.deps.js';

/** `support.purge-unconfirmed` v1: drops contact forms whose address was never confirmed (see purge-unconfirmed.ts). */
export function definePurgeUnconfirmedJob(deps: SupportDeps) {
  return defineJob<Record<string, never>>({
    name: 'support.purge-unconfirmed',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await purgeUnconfirmedTickets(deps);
    },
    retryLimit: 2,
  });
}

/** The support module's jobs, each with its schedule, for the app to register. */
export function supportJobs(deps: SupportDeps): ModuleJob[] {
  // Hourly: a form is gone soon after its confirmation link stopped working.
  return [{ job: definePurgeUnconfirmedJob(deps), schedule: '17 * * * *' }];
}
