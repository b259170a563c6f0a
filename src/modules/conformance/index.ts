/**
 * Conformance: the manifest proved against the live installation (`meshvault privacy check` and the
 * officers' page) — columns classified, stored categories declared, nothing past its retention, no
 * request past due, the audit chain intact, cookies and recipients declared. Owns no table.
 */
export { checkInstallation, type CheckResult, type InstallationCheck } from './check-installation.js';
export { registerConformanceRoutes } from './conformance.routes.js';
export type { ConformanceDeps } from './conformance.deps.js';
export { conformanceData } from './personal-data.js';
