import { analyticsData } from './modules/analytics/index.js';
import { configuratorData } from './modules/configurator/index.js';
import { filesData } from './modules/files/index.js';
import { marketingData } from './modules/marketing/index.js';
import { licensingData } from './modules/licensing/index.js';
import { orgsData } from './modules/orgs/index.js';
import { describeCategory, isCategoryId, isOperatingRecord, type ActivePolicy } from './modules/privacy/index.js';
import { projectsData } from './modules/projects/index.js';
import { quotesData } from './modules/quotes/index.js';
import { ordersData } from './modules/orders/index.js';
import { subscriptionsData } from './modules/subscriptions/index.js';
import { supportData } from './modules/support/index.js';
import { integrationsData } from './modules/integrations/index.js';
import { createFeatureSwitch, featureStates, requiredCategories, type CategoryNeeds, type FeatureDefinition, type FeatureSwitch } from './platform/features/index.js';
import { mergeRegistries, type TableRegistry } from './platform/registry/index.js';
import { installationRegistry } from './registry.js';

/**
 * The features the privacy policy switches. Each is the modules whose tables it owns: the categories
 * it collects are read from their personal-data.ts, never listed here. A module not named here is the
 * core (accounts, the policy, data rights): a policy must declare what the core stores to be published.
 */
export const FEATURES: readonly FeatureDefinition[] = [
  { id: 'projects', label: 'Projects and file uploads', data: [projectsData, filesData] },
  { id: 'quotes', label: 'Quotes', data: [quotesData], needs: ['projects'] },
  // An order comes from an accepted quote, a saved configuration or the staff's catalogue: it needs no
  // other feature, only the categories its tables hold (ordering a quote needs quotes on to have one).
  { id: 'orders', label: 'Orders, payments and invoices', data: [ordersData] },
  { id: 'organisations', label: 'Organisations', data: [orgsData] },
  // A subscription is billed by orders' invoices: the feature collects what they hold too.
  { id: 'subscriptions', label: 'Subscriptions', data: [subscriptionsData, { invoices: ordersData.invoices, invoice_sequences: ordersData.invoice_sequences }] },
  { id: 'licensing', label: 'Software licences and the desktop API', data: [licensingData] },
  { id: 'support', label: 'Contact form and support desk', data: [supportData] },
  { id: 'analytics', label: 'First-party analytics', data: [analyticsData] },
  { id: 'marketing', label: 'Marketing preferences, campaigns and unsubscribe', data: [marketingData] },
  // Ordering a configuration needs orders too; saving and sharing do not.
  { id: 'configurator', label: 'Product configurator', data: [configuratorData] },
  { id: 'integrations', label: 'Connected systems: webhooks and incoming data', data: [integrationsData] },
];

/** The installation's tables that belong to no switchable feature. */
export function coreRegistry(): TableRegistry {
  const featureTables = new Set(FEATURES.flatMap((f) => f.data.flatMap((d) => Object.keys(d))));
  return Object.fromEntries(Object.entries(installationRegistry()).filter(([table]) => !featureTables.has(table)));
}

/** What the core cannot run without: a policy that does not declare one of these is refused. */
export function coreNeeds(): CategoryNeeds {
  return requiredCategories(coreRegistry(), isOperatingRecord);
}

/** Every feature's categories too: what the installation stores when everything is on. */
export function allFeatureNeeds(): CategoryNeeds {
  // A table two features share (orders' invoices, which subscriptions issue too) counts once.
  const tables: TableRegistry = Object.fromEntries(FEATURES.flatMap((f) => f.data.flatMap((d) => Object.entries(d))));
  return requiredCategories(mergeRegistries(tables), isOperatingRecord);
}

/** A category as people read it in an answer ("project files"). */
function categoryLabel(category: string): string {
  return isCategoryId(category) ? describeCategory(category).label.toLowerCase() : category;
}

/** Whether each feature is on, asked of the policy in force (cached by it; a publish shows at once). */
export function createFeatures(policy: ActivePolicy): FeatureSwitch {
  return createFeatureSwitch(async () => {
    const values = await policy.values();
    return featureStates(FEATURES, (c) => values.isDeclared(c), isOperatingRecord);
  }, categoryLabel);
}
