import { defineJob, EMPTY_PAYLOAD, type ModuleJob } from '../../platform/jobs/index.js';
import { endLapsedHolds } from './end-lapsed-holds.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';

/** `legal-holds.end-lapsed` v1: closes holds whose end date has come (see end-lapsed-holds.ts). */
export function defineEndLapsedHoldsJob(deps: LegalHoldsDeps) {
  return defineJob<Record<string, never>>({
    name: 'legal-holds.end-lapsed',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await endLapsedHolds(deps);
    },
    retryLimit: 3,
    policy: 'singleton',
  });
}

/** The legal-holds module's jobs, each with its schedule, for the app to register. */
export function legalHoldsJobs(deps: LegalHoldsDeps): ModuleJob[] {
  // Daily, just after midnight UTC: an end date is a day, exclusive, so the hold ended at 00:00.
  return [{ job: defineEndLapsedHoldsJob(deps), schedule: '7 0 * * *' }];
}
