/**
 * Erasure (right to erasure): `rights.erase` plans over every table the registry lists (through
 * subject-data), e-mails the certificate, then erases table by table, each table in one transaction
 * that records it as done, so a killed run resumes. The ledger keeps keyed hashes to erase again after
 * a backup restore. Other modules start one inside their work with the bound
 * `startErasure(work, { userId, origin, actor? })`; accounts asks `beingErasedCondition` before a sign-in.
 */
export { erasureUseCases, createErasureDeps, type ErasureService } from './erasure.use-cases.js';
export { registerErasureRoutes } from './erasure.routes.js';
export { beingErasedCondition, isBeingErased, listErasuresUnderWay, type ErasureHooks } from './run-erasure.js';
export { LEDGER_FILE_NAME, LEDGER_OBJECT_PREFIX } from './erasure-ledger.js';
export type { ErasureBaseDeps, ErasureDeps } from './erasure.deps.js';
export type { ErasureOrigin } from './erasure.tables.js';
export { erasureData } from './personal-data.js';
export { erasureJobs } from './erasure.jobs.js';
