import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import type { ModuleJob } from '../../platform/jobs/index.js';
import { discardAbandonedUploads } from './abandoned-uploads.js';
import { deleteFile } from './delete-file.js';
import type { FilesBaseDeps, FilesDeps } from './files.deps.js';
import { defineAnalyzeJob } from './files.jobs.js';
import { getFile, listFiles, openDownload } from './read-files.js';
import { openPreview, openPublishedPreview } from './read-preview.js';
import { rewrapAllKeys } from './rotate-keys.js';
import { appendUpload, beginUpload, checkUploadLimits, terminateUpload, uploadOffset } from './uploads.js';

/** The file use-cases, each in its own file; the app binds them to their deps once (`app.services.files`). */
export const filesUseCases = {
  checkUploadLimits,
  beginUpload,
  uploadOffset,
  appendUpload,
  terminateUpload,
  list: listFiles,
  get: getFile,
  openDownload,
  openPreview,
  openPublishedPreview,
  delete: deleteFile,
  rewrapAllKeys,
  discardAbandonedUploads,
};

/** The deps the file use-cases are bound to: the analysis job they queue, and the uploads this process is writing. */
export function createFilesDeps(base: FilesBaseDeps): FilesDeps {
  return { ...base, analyzeJob: defineAnalyzeJob(base) };
}

/** `app.services.files`: the bound use-cases, the jobs the app registers (and schedules), and the upload limits tus announces. */
export type FilesService = BoundUseCases<FilesDeps, typeof filesUseCases> & {
  analyzeJob: FilesDeps['analyzeJob'];
  jobs: ModuleJob[];
  limits: FilesDeps['limits'];
};
