import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { describeExportLink, issueDownloadLink, listMyExports, openExportDownload, queueExport, requestMyExport } from './data-exports.js';
import type { DataExportBaseDeps, DataExportDeps } from './data-export.deps.js';
import { defineExportJob } from './data-export.jobs.js';
import { purgeOldExports } from './purge-exports.js';

/** The module's use-cases, for the app to bind once to their deps (`bindUseCases`). */
export const dataExportUseCases = {
  requestExport: requestMyExport,
  listExports: listMyExports,
  issueDownloadLink,
  openDownload: openExportDownload,
  describeLink: describeExportLink,
  /** For other modules: `queueExport(work, { userId, actor? })` inside their work. */
  queueExport,
  purgeOldExports,
};

export type DataExportService = BoundUseCases<DataExportDeps, typeof dataExportUseCases>;

/** The deps with the module's job, which the use-cases queue. */
export function createDataExportDeps(base: DataExportBaseDeps): DataExportDeps {
  return { ...base, exportJob: defineExportJob(base) };
}
