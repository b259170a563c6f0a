import { defineJob, EMPTY_PAYLOAD, type ModuleJob } from '../../platform/jobs/index.js';
import { runRenewals } from './renew.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';

/** `subscriptions.renew` v1: reminders, renewals, ends and expiries that are due (see renew.ts). */
export function defineRenewJob(deps: SubscriptionsDeps) {
  return defineJob<Record<string, never>>({
    name: 'subscriptions.renew',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await runRenewals(deps);
    },
    retryLimit: 2,
  });
}

/** The subscriptions module's jobs, each with its schedule, for the app to register. */
export function subscriptionsJobs(deps: SubscriptionsDeps): ModuleJob[] {
  // Hourly: a period is renewed (or ends) within the hour it ends; each run resumes what the last left.
  return [{ job: defineRenewJob(deps), schedule: '23 * * * *' }];
}
