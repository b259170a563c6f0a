/**
 * First-party analytics, consent-gated: page views, features used, session duration and clickstream
 * from the web app and the operator's website, stored only where egress's processing check allows
 * analytics for that person or visitor; robots dropped; no raw IP. Owns `analytics_events`, which
 * export, erasure and retention (end action `aggregate`) walk through its registry entry.
 */
export { analyticsUseCases, type AnalyticsService } from './analytics.use-cases.js';
export { registerAnalyticsRoutes } from './analytics.routes.js';
export type { AnalyticsDeps } from './analytics.deps.js';
export { analyticsData } from './personal-data.js';
