/**
 * Legal holds: a privacy officer opens a case (a reason, a person, project or organisation, an
 * optional end date) and retention keeps the data it covers until the hold is released. Owns
 * `legal_holds`; other modules read the holds in force with `heldScopes`.
 */
export { legalHoldsUseCases, type LegalHoldsService } from './legal-holds.use-cases.js';
export { registerLegalHoldsRoutes } from './legal-holds.routes.js';
export { heldScopes, HOLD_SCOPE_TABLES, type HeldScopes } from './held-scopes.js';
export { legalHoldsData } from './personal-data.js';
export type { LegalHoldsDeps } from './legal-holds.deps.js';
