/**
 * Legal holds: a privacy officer opens a case (a reason, a person, project or organisation, an
 * optional end date) and retention and erasure keep the data it covers until the hold is released or its end date comes (`legal-holds.end-lapsed`, daily).
 * Owns `legal_holds`; other modules read the holds in force with `heldScopes` / `eachHeldScope`;
 * the app is told of a release (`onReleased`, erasure queues again what a hold kept).
 */
export { legalHoldsUseCases, type LegalHoldsService } from './legal-holds.use-cases.js';
export { legalHoldsJobs } from './legal-holds.jobs.js';
export { registerLegalHoldsRoutes } from './legal-holds.routes.js';
export { heldScopes, eachHeldScope, HOLD_SCOPE_TABLES, type HeldScopes } from './held-scopes.js';
export { legalHoldsData } from './personal-data.js';
export type { LegalHoldsDeps } from './legal-holds.deps.js';
