import { defineJob, EMPTY_PAYLOAD, type ModuleJob } from '../../platform/jobs/index.js';
import { sendRequestReminders } from './request-reminders.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';

/** `rights.remind` v1: scheduled daily; tells privacy officers about requests due soon and shreds old exports. */
export function defineReminderJob(deps: RightsRequestsDeps) {
  return defineJob<Record<string, never>>({
    name: 'rights.remind',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await sendRequestReminders(deps);
      await deps.exports.purgeOldExports();
    },
    retryLimit: 2,
  });
}

/** The rights-requests module's jobs, each with its schedule, for the app to register. */
export function rightsRequestsJobs(deps: RightsRequestsDeps): ModuleJob[] {
  // Daily, so privacy officers hear about requests due soon (MESHVAULT_REQUEST_REMINDER_DAYS).
  return [{ job: defineReminderJob(deps), schedule: '0 7 * * *' }];
}
