export { recordAudit, verifyAuditChain, listAuditForSubject, type AuditDeps, type AuditVerification } from './audit.service.js';
export { SYSTEM_ACTOR, CLI_ACTOR, type TActor, type TAuditEntryInput } from './audit.schema.js';
export type { AuditTables } from './audit.tables.js';
export { auditData } from './personal-data.js';
