/**
 * Data rights: the privacy dashboard, export (access, portability), correction requests, erasure
 * with its certificate and ledger, restriction and opt-outs, the public request form and the privacy
 * officers' queue. Everything walks the installation's registry and reads the manifest in force.
 *
 * For other modules: before any non-essential processing of a person's data (analytics, marketing,
 * integrations, profiling), call `assertProcessingAllowed(trx, userId, kind)` — see README.md.
 */
export { createRightsService, type RightsService } from './rights.service.js';
export { registerRightsRoutes, type RightsRoutesDeps } from './rights.routes.js';
export { registerOfficerRoutes } from './officer.routes.js';
export { assertProcessingAllowed, isProcessingAllowed, filterProcessingAllowed } from './processing-check.js';
export { recordIntegrationDelivery } from './disclosures.js';
export { LEDGER_FILE_NAME } from './erasure-ledger.js';
export { isBeingErased } from './rights.store.js';
export type { RightsBaseDeps, RightsDb } from './rights.deps.js';
export { PROCESSING_KINDS, type ProcessingKind, type RightsTables } from './rights.tables.js';
export { rightsData } from './personal-data.js';
