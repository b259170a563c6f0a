export { recordAudit, recordAuditWith, verifyAuditChain, pruneAuditPrefix, listAuditForSubject, type AuditDeps, type AuditVerification } from './audit.service.js';
export { auditData } from './personal-data.js';
