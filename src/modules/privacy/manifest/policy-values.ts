import { AppError } from '../../../platform/errors/index.js';
import { computeDueDate } from './due-dates.js';
import type { AcceptanceMode, AnalyticsMode, CookieCategory, TCookie, TDeadline, TJurisdiction, TManifest, TPurpose, TRecipient, TRetentionRule } from './schema.js';
import { COOKIE_CATEGORIES } from './schema.js';
import type { CategoryId } from './taxonomy.js';
import type { Duration } from './durations.js';

/**
 * The one way the rest of the code reads policy values, so that no retention period, age or
 * deadline is ever written as a literal outside the manifest.
 */
export interface PolicyValues {
  readonly minimumAge: number;
  /** How sign-up takes acceptance of the policy: a ticked box (default) or use of the service. */
  readonly acceptance: AcceptanceMode;
  /** How first-party analytics count (manifest `analytics`): per consenting visitor, or cookieless totals only. */
  readonly analyticsMode: AnalyticsMode;
  /** The last day of the fiscal year (the calendar year's when the manifest names none). */
  readonly fiscalYearEnd: { month: number; day: number };
  /** How long backups are kept (`backup_retention`), or null when the manifest does not say. */
  readonly backupRetention: Duration | null;
  declaredCategories(): CategoryId[];
  isDeclared(category: string): boolean;
  /** The retention rule for a category; throws not_found for a category the manifest does not declare. */
  retentionFor(category: CategoryId): TRetentionRule;
  jurisdiction(id: string): TJurisdiction;
  deadlineFor(jurisdictionId: string): TDeadline;
  /** When a request received on a date must be answered under a jurisdiction's deadline. */
  dueDate(jurisdictionId: string, receivedOn: string | Date, options?: { extended?: boolean }): string;
  recipientsOf(category: CategoryId): TRecipient[];
  purposesUsing(category: CategoryId): TPurpose[];
  consentPurposes(): TPurpose[];
  /** Cookie categories that have at least one cookie, in banner order (essential first). */
  cookieCategories(): CookieCategory[];
  /** The manifest's entry for a cookie, by name; undefined when the manifest does not declare it. */
  cookie(name: string): TCookie | undefined;
  sellsOrShares(): boolean;
  honoursGpc(): boolean;
}

/** A fiscal year that is the calendar year ends on 31 December. */
const CALENDAR_YEAR_END = '12-31';

export function policyValues(manifest: TManifest): PolicyValues {
  const retention = new Map<string, TRetentionRule>();
  for (const rule of manifest.retention) for (const category of rule.categories) if (!retention.has(category)) retention.set(category, rule);
  const declared = new Set<string>(manifest.categories.map((c) => c.id));
  const jurisdiction = (id: string): TJurisdiction => {
    const found = manifest.rights.jurisdictions.find((j) => j.id === id);
    if (!found) {
      const known = manifest.rights.jurisdictions.map((j) => j.id).join(', ');
      throw new AppError('not_found', `the privacy manifest has no jurisdiction "${id}" (it has: ${known})`, { jurisdiction: id });
    }
    return found;
  };
  return {
    minimumAge: manifest.minimum_age,
    acceptance: manifest.acceptance ?? 'explicit',
    analyticsMode: manifest.analytics ?? 'consent',
    backupRetention: manifest.backup_retention ?? null,
    fiscalYearEnd: { month: Number((manifest.fiscal_year_end ?? CALENDAR_YEAR_END).slice(0, 2)), day: Number((manifest.fiscal_year_end ?? CALENDAR_YEAR_END).slice(3)) },
    declaredCategories: () => manifest.categories.map((c) => c.id),
    isDeclared: (category) => declared.has(category),
    retentionFor(category) {
      const rule = retention.get(category);
      if (!rule) throw new AppError('not_found', `the privacy manifest declares no retention for category "${category}"`, { category });
      return rule;
    },
    jurisdiction,
    deadlineFor: (id) => jurisdiction(id).deadline,
    dueDate: (id, receivedOn, options) => computeDueDate(receivedOn, jurisdiction(id).deadline, options),
    recipientsOf: (category) => manifest.recipients.filter((r) => r.categories.includes(category)),
    purposesUsing: (category) => manifest.purposes.filter((p) => p.categories.includes(category)),
    consentPurposes: () => manifest.purposes.filter((p) => p.legal_basis === 'consent'),
    cookieCategories: () => COOKIE_CATEGORIES.filter((c) => (manifest.cookies ?? []).some((cookie) => cookie.category === c)),
    cookie: (name) => (manifest.cookies ?? []).find((c) => c.name === name),
    sellsOrShares: () => manifest.sale_and_sharing.sells_personal_data || manifest.sale_and_sharing.shares_for_cross_context_advertising,
    honoursGpc: () => manifest.sale_and_sharing.honours_gpc,
  };
}
