/**
 * The one way out. Every hand-over of personal data to anyone outside the installation goes through
 * `handOver(work, …)` (bound: `EgressService`), which checks it against the policy in force and the
 * person's restriction, opt-outs and consent, strips what may not go, and writes the disclosure log.
 * It also holds THE shared processing check (restriction of processing and opt-outs) that every
 * non-essential processing path asks — docs/ARCHITECTURE.md, "The one egress point".
 */
export { egressUseCases, type EgressService } from './egress.use-cases.js';
export type { EgressDeps } from './egress.deps.js';
export type { HandOverField, HandOverInput, HandedOver } from './hand-over.js';
export type { OutgoingMessage } from './mail-release.js';
export type { ProcessingSubject } from './consented-processing.js';
export type { MarketingTarget } from './marketing-check.js';
export { consentScopesFor } from './consent-rules.js';
export {
  assertMayProcess,
  assertProcessingAllowed,
  filterProcessingAllowed,
  isProcessingAllowed,
  isRestricted,
  restrictionsOf,
  writeRestriction,
  type Processing,
} from './processing-check.js';
export { disclosuresOf } from './disclosure-log.js';
export { PROCESSING_KINDS, type ProcessingKind, type RestrictionScope } from './egress.tables.js';
export { egressErrors } from './egress.errors.js';
export { egressData } from './personal-data.js';
export { recordedRecipients } from './recorded-recipients.js';
