export { createPrivacyDeps, privacyUseCases, type PrivacyUseCases } from './privacy.use-cases.js';
export { registerPrivacyRoutes, type PrivacyRoutesDeps } from './privacy.routes.js';
export { registerPublicPrivacyPages } from './public-pages.routes.js';
export { UndeclaredCategoriesError } from './privacy.errors.js';
export { checkManifestOffline, INSTALLATION_CHECKS, type ManifestCheck } from './check-manifest.js';
export { parseManifestAhead, type ActivePolicy, type ActiveVersion } from './active-policy.js';
export type { PrivacyDeps } from './privacy.deps.js';
export { privacyData } from './personal-data.js';
export {
  addDurationToDate,
  computeDueDate,
  describeCategory,
  describeDuration,
  parseIsoDuration,
  isCategoryId,
  policyValues,
  consentPurposesOf,
  type ConsentKind,
  validateManifest,
  type CategoryId,
  type Duration,
  type PolicyValues,
  type TDeadline,
  type TManifest,
  type TRecipient,
  type TPurpose,
  type TRetentionRule,
  type TCookie,
  type CookieCategory,
  type AnalyticsMode,
} from './manifest/index.js';
export { COOKIE_CATEGORIES, MARKETING_CHANNELS, type MarketingChannel } from './manifest/schema.js';
export { COOKIE_CATEGORY_WORDS } from './manifest/wording.js';
export { isOperatingRecord, OPERATING_RECORDS } from './manifest/index.js';
export type { AcceptanceGate } from './first-acceptance.js';
export { createPolicyAcceptanceRecorder, createPolicyShownCheck, type PolicyShown } from './policy-acceptance.js';
export { declaredCookieLifetime, type CookieLifetime } from './cookie-lifetimes.js';
export { privacyJobs } from './privacy.jobs.js';
