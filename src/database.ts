import type { AccountsTables } from './modules/accounts/accounts.tables.js';
import type { AuditTables } from './modules/audit/audit.tables.js';
import type { MailTables } from './modules/mail/mail.tables.js';
import type { OrgsTables } from './modules/orgs/orgs.tables.js';
import type { ProjectsTables } from './modules/projects/projects.tables.js';
import type { FilesTables } from './modules/files/files.tables.js';
import type { QuotesTables } from './modules/quotes/quotes.tables.js';
import type { OrdersTables } from './modules/orders/orders.tables.js';
import type { PrivacyTables } from './modules/privacy/privacy.tables.js';
import type { EgressTables } from './modules/egress/egress.tables.js';
import type { DataExportTables } from './modules/data-export/data-export.tables.js';
import type { ErasureTables } from './modules/erasure/erasure.tables.js';
import type { RightsRequestsTables } from './modules/rights-requests/rights-requests.tables.js';
import type { RetentionTables } from './modules/retention/retention.tables.js';
import type { LegalHoldsTables } from './modules/legal-holds/legal-holds.tables.js';
import type { LicensingTables } from './modules/licensing/licensing.tables.js';
import type { SubscriptionsTables } from './modules/subscriptions/subscriptions.tables.js';
import type { SupportTables } from './modules/support/support.tables.js';
import type { ConsentTables } from './modules/consent/consent.tables.js';
import type { AnalyticsTables } from './modules/analytics/analytics.tables.js';
import type { RateLimitsTables } from './modules/rate-limits/rate-limits.tables.js';
import type { MarketingTables } from './modules/marketing/marketing.tables.js';
import type { ConfiguratorTables } from './modules/configurator/configurator.tables.js';
import type { IntegrationsTables } from './modules/integrations/integrations.tables.js';

/** Every table of the installation; each module declares its own and reads only through them. */
export interface Database extends AccountsTables, AuditTables, MailTables, OrgsTables, ProjectsTables, FilesTables, QuotesTables, OrdersTables, PrivacyTables, EgressTables, DataExportTables, ErasureTables, RightsRequestsTables, RetentionTables, LegalHoldsTables, LicensingTables, SubscriptionsTables, SupportTables, ConsentTables, AnalyticsTables, RateLimitsTables, MarketingTables, ConfiguratorTables, IntegrationsTables {}
