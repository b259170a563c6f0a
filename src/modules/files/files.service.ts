import type { MasterKeyRing } from '../../platform/crypto/index.js';
import type { Principal, RequestContext } from '../accounts/index.js';
import { discardAbandonedUploads } from './abandoned-uploads.js';
import { deleteFile } from './delete-file.js';
import type { FilesBaseDeps, FilesDeps } from './files.deps.js';
import { defineAnalyzeJob, filesJobs } from './files.jobs.js';
import { getFile, listFiles, openDownload } from './read-files.js';
import { rewrapAllKeys } from './rotate-keys.js';
import { appendUpload, beginUpload, checkUploadLimits, terminateUpload, uploadOffset, type AppendInput } from './uploads.js';

export type FilesService = ReturnType<typeof createFilesService>;

/** The file use-cases bound to their dependencies; the app registers and schedules `jobs`. */
export function createFilesService(base: FilesBaseDeps) {
  const analyzeJob = defineAnalyzeJob(base);
  const deps: FilesDeps = { ...base, analyzeJob, busyUploads: new Set() };
  return {
    analyzeJob,
    jobs: filesJobs(deps),
    limits: base.limits,
    checkUploadLimits: (filename: string, length: number) => checkUploadLimits(deps, filename, length),
    beginUpload: (p: Principal, projectId: string, input: { filename: string; length: number }, ctx: RequestContext) => beginUpload(deps, p, projectId, input, ctx),
    uploadOffset: (p: Principal, uploadId: string, ctx: RequestContext) => uploadOffset(deps, p, uploadId, ctx),
    appendUpload: (p: Principal, uploadId: string, input: AppendInput, ctx: RequestContext) => appendUpload(deps, p, uploadId, input, ctx),
    terminateUpload: (p: Principal, uploadId: string, ctx: RequestContext) => terminateUpload(deps, p, uploadId, ctx),
    list: (p: Principal, projectId: string, ctx: RequestContext) => listFiles(deps, p, projectId, ctx),
    get: (p: Principal, fileId: string, ctx: RequestContext) => getFile(deps, p, fileId, ctx),
    openDownload: (p: Principal, fileId: string, ctx: RequestContext) => openDownload(deps, p, fileId, ctx),
    delete: (p: Principal, fileId: string, ctx: RequestContext) => deleteFile(deps, p, fileId, ctx),
    rewrapAllKeys: (ring: MasterKeyRing) => rewrapAllKeys(deps, ring),
    discardAbandonedUploads: () => discardAbandonedUploads(deps),
  };
}
