/**
 * Data rights, the person's side: the privacy dashboard, restriction of processing and opt-outs with
 * THE shared processing check, the disclosure log, and organisation administrators' export and
 * erasure of members. Export, erasure and requests are sibling modules (data-export, erasure,
 * rights-requests) over the same registry walker (subject-data); README.md maps them.
 *
 * For other modules: before any non-essential processing of a person's data (analytics, marketing,
 * integrations, profiling), call `assertProcessingAllowed(work, userId, kind)` — see README.md.
 */
export { rightsUseCases, type RightsService } from './rights.use-cases.js';
export { registerRightsRoutes, type RightsRoutesDeps } from './rights.routes.js';
export { registerOfficerRoutes } from './officer.routes.js';
export { assertProcessingAllowed, isProcessingAllowed, filterProcessingAllowed } from './processing-check.js';
export { recordIntegrationDelivery } from './disclosures.js';
export type { RightsDeps } from './rights.deps.js';
export { PROCESSING_KINDS, type ProcessingKind } from './rights.tables.js';
export { rightsData } from './personal-data.js';
