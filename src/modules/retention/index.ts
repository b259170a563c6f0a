/**
 * Retention: every period of the manifest enforced. The engine walks the registry (every module's
 * personal-data.ts) with the manifest's rules — which rows of which table reached the end of their
 * category's period, by the registry's clocks — and deletes, blanks or aggregates them in batches,
 * one transaction each, resumable; a run ends with a disposal certificate signed into the audit chain.
 */
export { retentionUseCases, createRetentionDeps, type RetentionService } from './retention.use-cases.js';
export { registerRetentionRoutes } from './retention.routes.js';
export { retentionJobs } from './retention.jobs.js';
export { retentionData } from './personal-data.js';
export type { RetentionBaseDeps, RetentionDeps } from './retention.deps.js';
export type { RetentionPlan, RetentionPlanItem } from './plan-retention.js';
export type { DisposalCertificate } from './disposal-certificate.js';
export { retentionDatesOf, type CategoryEnd } from './retention-dates.js';
export type { KeptAfterClosure } from './retention.mails.js';
