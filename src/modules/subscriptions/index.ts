export { subscriptionsUseCases, type SubscriptionsService } from './subscriptions.use-cases.js';
export { registerSubscriptionsRoutes, type SubscriptionsRoutesDeps } from './subscriptions.routes.js';
export type { SubscriptionsDeps } from './subscriptions.deps.js';
export { subscriptionsData } from './personal-data.js';
export { subscriptionsJobs } from './subscriptions.jobs.js';
/** For the app: Stripe's notices about subscriptions, handed over by orders' webhook. */
export { applySubscriptionStripeEvent } from './stripe-events.js';
