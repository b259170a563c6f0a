/**
 * Data export (access, portability): the person's data as an encrypted ZIP built by the
 * `rights.export` job from every table the registry lists (through subject-data), a single-use signed
 * download link, and the daily crypto-shredding of old exports. Other modules queue an export inside
 * their work with the bound `queueExport(work, { userId, actor? })`.
 */
export { dataExportUseCases, createDataExportDeps, type DataExportService } from './data-export.use-cases.js';
export { registerDataExportRoutes } from './data-export.routes.js';
export { listExportsOf, listExportsRequestedBy } from './data-exports.js';
export { buildExport } from './build-export.js';
export { ZDataExport } from './data-export.schema.js';
export type { DataExportBaseDeps, DataExportDeps, DataExportSettings } from './data-export.deps.js';
export { dataExportData } from './personal-data.js';
export { dataExportJobs } from './data-export.jobs.js';
