export { filesUseCases, createFilesDeps, type FilesService } from './files.use-cases.js';
export { filesJobs } from './files.jobs.js';
export { registerFilesRoutes, type FilesRoutesDeps } from './files.routes.js';
export { createFileVault, type FileVault } from './file-vault.js';
export { listProjectFileAnalyses, type FileAnalysis } from './file-analyses.js';
export type { FilesBaseDeps, FilesDeps } from './files.deps.js';
export type { FileRow, FileStatus } from './files.tables.js';
export { filesData } from './personal-data.js';
export { listStoredFilesOfProjects } from './project-files.js';
