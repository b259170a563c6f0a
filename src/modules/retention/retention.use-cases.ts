import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { listDisposalCertificates, readDisposalCertificate } from './disposal-certificates.js';
import { planRetention } from './plan-retention.js';
import type { RetentionBaseDeps, RetentionDeps } from './retention.deps.js';
import { defineRetentionJob } from './retention.jobs.js';
import { resumeUnfinishedRetention } from './resume-retention.js';
import { closeMyAccount } from './close-account.js';
import { runRetention } from './run-retention.js';

/** The module's use-cases, for the app to bind once to their deps (`bindUseCases`). */
export const retentionUseCases = {
  planRetention,
  /** Runs (or resumes) retention in this process; the daily job calls the same. */
  runRetention,
  listDisposalCertificates,
  readDisposalCertificate,
  resumeUnfinishedRetention,
  closeMyAccount,
};

export type RetentionService = BoundUseCases<RetentionDeps, typeof retentionUseCases>;

/** The deps with the module's job. */
export function createRetentionDeps(base: RetentionBaseDeps): RetentionDeps {
  return { ...base, retentionJob: defineRetentionJob(base) };
}
