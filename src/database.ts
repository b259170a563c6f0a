import type { AccountsTables } from './modules/accounts/index.js';
import type { AuditTables } from './modules/audit/index.js';
import type { MailTables } from './modules/mail/index.js';
import type { OrgsTables } from './modules/orgs/index.js';

/** Every table of the installation; each module declares its own and reads only through them. */
export interface Database extends AccountsTables, AuditTables, MailTables, OrgsTables {}
