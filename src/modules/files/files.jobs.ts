import { z } from 'zod';
import { defineJob, EMPTY_PAYLOAD, type JobDefinition, type ModuleJob } from '../../platform/jobs/index.js';
import { discardAbandonedUploads } from './abandoned-uploads.js';
import { analyzeFile, analyzeRetryLimit } from './analyze-file.js';
import { backfillPreviews } from './backfill-previews.js';
import type { AnalyzeJobPayload, FilesBaseDeps, FilesDeps } from './files.deps.js';

const ZAnalyzePayload = z.object({ fileId: z.uuid() });

/** `files.analyze` v1: decrypts an uploaded file as a stream into the mesh analysis and stores the result. */
export function defineAnalyzeJob(deps: FilesBaseDeps) {
  return defineAnalyzeJobNamed(deps, 'files.analyze');
}

/**
 * `models.analyze` v1: the same job under the name it had before this module owned it. Files
 * uploaded just before an upgrade have their job waiting in queue `models.analyze.v1`, which nothing
 * else would ever run; so it is still worked. Nothing sends to it any more: drop it once no
 * installation can hold such a job.
 */
export function defineLegacyAnalyzeJob(deps: FilesBaseDeps) {
  return defineAnalyzeJobNamed(deps, 'models.analyze');
}

function defineAnalyzeJobNamed(deps: FilesBaseDeps, name: string): JobDefinition<AnalyzeJobPayload> {
  return defineJob<AnalyzeJobPayload>({
    name,
    version: 1,
    schema: ZAnalyzePayload,
    handler: (payload, ctx) => analyzeFile(deps, payload.fileId, ctx),
    retryLimit: analyzeRetryLimit,
    expireInSeconds: 3600,
  });
}

/** `files.discard-abandoned` v1: discards uploads left unfinished (see abandoned-uploads.ts). */
export function defineDiscardAbandonedJob(deps: FilesDeps) {
  return defineJob<Record<string, never>>({
    name: 'files.discard-abandoned',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await discardAbandonedUploads(deps);
    },
    retryLimit: 2,
  });
}

/** `files.backfill-previews` v1: previews for files analysed before previews existed (see backfill-previews.ts). */
export function defineBackfillPreviewsJob(deps: FilesBaseDeps) {
  return defineJob<Record<string, never>>({
    name: 'files.backfill-previews',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async () => {
      await backfillPreviews(deps);
    },
    retryLimit: 2,
    expireInSeconds: 3600,
  });
}

/** The files module's jobs, each with its schedule, for the app to register. */
export function filesJobs(deps: FilesDeps): ModuleJob[] {
  return [
    { job: deps.analyzeJob },
    { job: defineLegacyAnalyzeJob(deps) },
    // Daily, at night (UTC).
    { job: defineDiscardAbandonedJob(deps), schedule: '30 3 * * *' },
    // Daily, at night (UTC): a batch a night until no analysed file lacks a preview.
    { job: defineBackfillPreviewsJob(deps), schedule: '45 3 * * *' },
  ];
}
