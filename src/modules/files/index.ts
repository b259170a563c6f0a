export { createFilesService, type FilesService } from './files.service.js';
export { registerFilesRoutes, type FilesRoutesDeps } from './files.routes.js';
export { createFileVault, type FileVault } from './file-vault.js';
export type { FilesBaseDeps, FilesDb } from './files.deps.js';
export type { FilesTables, FileRow, FileStatus } from './files.tables.js';
export { filesData } from './personal-data.js';
export { listStoredFilesOfProjects } from './project-files.js';
