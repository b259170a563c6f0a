/** The privacy manifest: schema, validation, rendering, diff and the values the code reads from it. */
export { manifestJsonSchema, ZManifest } from './schema.js';
export type * from './schema.js';
export { TAXONOMY, CATEGORY_IDS, OPERATING_RECORDS, isCategoryId, isOperatingRecord, describeCategory, type CategoryId, type TaxonomyEntry } from './taxonomy.js';
export { validateManifest, formatProblem, formatWarning, type ManifestValidation } from './validate.js';
export { LAW_DEADLINES, type LawId } from './law-deadlines.js';
export type { ManifestProblem } from './parse.js';
export { MAX_MANIFEST_CHARS } from './parse.js';
export { describeDuration, compareDurations, parseIsoDuration, formatIsoDuration, type Duration } from './durations.js';
export { addDurationToDate, computeDueDate } from './due-dates.js';
export { renderPolicy, type PolicyFormat, type RenderPolicyOptions } from './render-policy.js';
export { diffManifests, isEmptyDiff, type ManifestDiff } from './diff.js';
export { describeDiff } from './describe-diff.js';
export { classifyChange, type ChangeClassification } from './classify-change.js';
export { consentPurposesOf, type ConsentKind } from './consent-kinds.js';
export { policyValues, type PolicyValues } from './policy-values.js';
