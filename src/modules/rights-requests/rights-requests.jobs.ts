import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import { sendRequestReminders } from './request-reminders.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';

/** `rights.remind` v1: scheduled daily; tells privacy officers about requests due soon and shreds old exports. */
export function defineReminderJob(deps: RightsRequestsDeps) {
  return defineJob<Record<string, never>>({
    name: 'rights.remind',
    version: 1,
    schema: z.object({}).strict(),
    handler: async () => {
      await sendRequestReminders(deps);
      await deps.exports.purgeOldExports();
    },
    retryLimit: 2,
  });
}
