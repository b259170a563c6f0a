import type { AccountsTables } from './modules/accounts/index.js';
import type { AuditTables } from './modules/audit/index.js';
import type { MailTables } from './modules/mail/index.js';
import type { OrgsTables } from './modules/orgs/index.js';
import type { ProjectsTables } from './modules/projects/index.js';
import type { FilesTables } from './modules/files/index.js';
import type { QuotesTables } from './modules/quotes/index.js';
import type { RightsTables } from './modules/rights/rights.tables.js';
import type { DataExportTables } from './modules/data-export/data-export.tables.js';
import type { ErasureTables } from './modules/erasure/erasure.tables.js';
import type { RightsRequestsTables } from './modules/rights-requests/rights-requests.tables.js';
import type { PrivacyTables } from './modules/privacy/index.js';

/** Every table of the installation; each module declares its own and reads only through them. */
export interface Database extends AccountsTables, AuditTables, MailTables, OrgsTables, ProjectsTables, FilesTables, QuotesTables, PrivacyTables, RightsTables, DataExportTables, ErasureTables, RightsRequestsTables {}
