import { z } from 'zod';
import { defineJob, type ModuleJob } from '../../platform/jobs/index.js';
import { buildExport } from './build-export.js';
import { notifyExportReady } from './data-exports.js';
import { purgeOldExports } from './purge-exports.js';
import { sendRequestReminders } from './request-reminders.js';
import type { RightsBaseDeps, RightsDeps } from './rights.deps.js';
import { runErasure } from './run-erasure.js';

/** `rights.export` v1: builds the ZIP, then e-mails a fresh single-use link to whoever asked. */
export function defineExportJob(deps: () => RightsDeps) {
  return defineJob<{ exportId: string }>({
    name: 'rights.export',
    version: 1,
    schema: z.object({ exportId: z.uuid() }),
    handler: async ({ exportId }) => {
      await buildExport(deps(), exportId);
      await notifyExportReady(deps(), exportId);
    },
    retryLimit: 3,
    expireInSeconds: 6 * 3600,
  });
}

/** `rights.erase` v1: resumable; a retry continues after the last table it committed. */
export function defineErasureJob(deps: RightsBaseDeps) {
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

/** `rights.remind` v1: scheduled daily; tells privacy officers about requests due soon and shreds old exports. */
export function defineReminderJob(deps: RightsBaseDeps) {
  return defineJob<Record<string, never>>({
    name: 'rights.remind',
    version: 1,
    schema: z.object({}).strict(),
    handler: async () => {
      await sendRequestReminders(deps);
      await purgeOldExports(deps);
    },
    retryLimit: 2,
  });
}

/** The rights module's jobs, each with its schedule, for the app to register. */
export function rightsJobs(deps: RightsDeps): ModuleJob[] {
  return [
    { job: deps.exportJob },
    { job: deps.erasureJob },
    // Daily, so privacy officers hear about requests due soon (MESHVAULT_REQUEST_REMINDER_DAYS).
    { job: defineReminderJob(deps), schedule: '0 7 * * *' },
  ];
}
