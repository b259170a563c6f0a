/**
 * Consent: the cookie banner and settings (categories, cookies, purposes and lifetimes from the
 * policy in force), consent records as proof (who, what, given/refused/withdrawn, how, which policy
 * version and notice, audited), Global Privacy Control, and the embeddable banner script. Owns
 * `consent_records`. Egress's processing check asks `hasConsent` / `hasOptedOut` inside its work.
 */
export { consentUseCases, type ConsentService } from './consent.use-cases.js';
export { registerConsentRoutes, type ConsentRoutesDeps } from './consent.routes.js';
export { sendsGpc } from './gpc-signal.js';
export { hasConsent, hasOptedOut } from './consent-check.js';
export { recordChoices, recordPromptAnswer } from './record-consent.js';
export { decisionHistory, newestDecisions } from './consent-check.js';
export { cookieScope, marketingScope, purposeScope, SALE_SHARING_SCOPE } from './consent-scopes.js';
export { CONSENT_COOKIE } from './consent-notice.js';
export type { ConsentSubject } from './consent.store.js';
export type { ConsentMethod } from './consent.tables.js';
export type { ConsentDeps } from './consent.deps.js';
export type { AdvertisingRelease, ReleaseAdvertising } from './advertising-release.js';
export { consentData } from './personal-data.js';
