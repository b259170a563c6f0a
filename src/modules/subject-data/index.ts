/**
 * Where a person's data is: the installation's registry (every module's personal-data.ts) read
 * against the live schema's foreign keys — which rows of which table are someone's own, name them,
 * or hold their address — and their rows read page by page, with the manifest's retention in words.
 * Export, erasure and the privacy dashboard walk the same scopes; `heldRows` finds, the same way, the
 * rows the legal holds in force keep (retention and erasure spare them). Owns no table.
 */
export { subjectScopes, ownedCondition, anyCondition, personalColumns, type ForeignKey, type TableScope } from './subject-scope.js';
export { readForeignKeys, readPrimaryKeys } from './subject-data.store.js';
export { exportColumns, readPersonRows, countPersonRows, valueText, EXPORT_PAGE_ROWS, type ExportColumn } from './export-rows.js';
export { retentionRule, describeRetention, retentionEnds, retentionSpan, type RetentionText } from './retention-until.js';
export { heldRows } from './held-rows.js';
export { personVaultObjects, type PersonVaultObject } from './vault-objects.js';
export { subjectDataData } from './personal-data.js';
