import { z } from 'zod';
import { defineJob, type JobDefinition, type ModuleJob } from '../../platform/jobs/index.js';
import { buildExport } from './build-export.js';
import { notifyExportReady } from './data-exports.js';
import type { DataExportBaseDeps } from './data-export.deps.js';

/** `rights.export` v1: builds the ZIP, then e-mails a fresh single-use link to whoever asked. */
export function defineExportJob(deps: DataExportBaseDeps) {
  return defineJob<{ exportId: string }>({
    name: 'rights.export',
    version: 1,
    schema: z.object({ exportId: z.uuid() }),
    handler: async ({ exportId }) => {
      await buildExport(deps, exportId);
      await notifyExportReady(deps, exportId);
    },
    retryLimit: 3,
    expireInSeconds: 6 * 3600,
  });
}

/** The data-export module's jobs, each with its schedule, for the app to register. */
export function dataExportJobs(deps: { exportJob: JobDefinition<{ exportId: string }> }): ModuleJob[] {
  return [{ job: deps.exportJob }];
}
