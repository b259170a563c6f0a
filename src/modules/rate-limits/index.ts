/**
 * Rate limits that hold across processes: the counters of @fastify/rate-limit in the shared
 * database (`rate_limit_counters`), handed to the HTTP server by the app. Floor 0: platform only.
 */
export { databaseRateLimitStore, type RateLimitStoreDeps } from './rate-limit-store.js';
export { rateLimitsData } from './personal-data.js';
