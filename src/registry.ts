import { accountsData } from './modules/accounts/index.js';
import { auditData } from './modules/audit/index.js';
import { filesData } from './modules/files/index.js';
import { mailData } from './modules/mail/index.js';
import { orgsData } from './modules/orgs/index.js';
import { privacyData } from './modules/privacy/index.js';
import { mergeRegistries, type TableRegistry } from './platform/registry/index.js';
import { projectsData } from './modules/projects/index.js';
import { quotesData } from './modules/quotes/index.js';
import { ordersData } from './modules/orders/index.js';
import { egressData } from './modules/egress/index.js';
import { subjectDataData } from './modules/subject-data/index.js';
import { conformanceData } from './modules/conformance/index.js';
import { dataExportData } from './modules/data-export/index.js';
import { erasureData } from './modules/erasure/index.js';
import { rightsRequestsData } from './modules/rights-requests/index.js';
import { retentionData } from './modules/retention/index.js';
import { legalHoldsData } from './modules/legal-holds/index.js';
import { licensingData } from './modules/licensing/index.js';
import { subscriptionsData } from './modules/subscriptions/index.js';
import { supportData } from './modules/support/index.js';
import { consentData } from './modules/consent/index.js';
import { analyticsData } from './modules/analytics/index.js';
import { rateLimitsData } from './modules/rate-limits/index.js';
import { marketingData } from './modules/marketing/index.js';
import { configuratorData } from './modules/configurator/index.js';
import { integrationsData } from './modules/integrations/index.js';

/**
 * The registry of the whole installation: every module's personal-data.ts. Export, erasure,
 * retention and the conformance test walk this; a module that stores data about people adds its
 * entry here.
 */
export function installationRegistry(): TableRegistry {
  return mergeRegistries(accountsData, auditData, mailData, orgsData, projectsData, filesData, quotesData, ordersData, privacyData, egressData, dataExportData, erasureData, rightsRequestsData, subjectDataData, retentionData, legalHoldsData, supportData, licensingData, subscriptionsData, conformanceData, consentData, analyticsData, rateLimitsData, marketingData, configuratorData, integrationsData);
}
