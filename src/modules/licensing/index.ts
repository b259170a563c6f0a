export { licensingUseCases, type LicensingService } from './licensing.use-cases.js';
export { registerLicensingRoutes, type LicensingRoutesDeps } from './licensing.routes.js';
export { registerDesktopRoutes, DESKTOP_PREFIX, DESKTOP_BODY_LIMIT, type DesktopRoutesDeps } from './desktop.routes.js';
export type { LicensingDeps } from './licensing.deps.js';
export { licensingData } from './personal-data.js';
/** For commerce: a subscription's state drives its licence (called in commerce's own work). */
export { issueSubscriptionLicence, licencePolicyExists, setLicenceStatusFromSubscription, type SubscriptionState } from './subscription-status.js';
/** For orgs (a member removed) and retention (an account closed): their seats are freed in that work. */
export { releaseSeats, type SeatRelease } from './release-seats.js';
