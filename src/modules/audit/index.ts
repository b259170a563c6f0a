export { recordAudit, verifyAuditChain, listAuditForSubject, type AuditDeps, type AuditVerification } from './audit.service.js';
export { auditData } from './personal-data.js';
// Transitional, while accounts' AccountsDb and privacy still name the audit tables: delete then.
export type { AuditTables } from './audit.tables.js';
