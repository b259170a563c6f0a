export { createHttpServer, type HttpServer, type HttpServerOptions } from './server.js';
export { serveWebApp } from './web-app.js';
export { CSRF_TOKEN_PATH, installCsrfProtection, type CsrfOptions } from './csrf.js';
export { allowPreflight, installEmbedCors, type EmbedOrigins } from './embed-origins.js';
export { allowKeyAuthenticatedPreflight, installKeyAuthenticatedCors } from './key-authenticated.js';
export type { RateLimitStore } from './rate-limit-store.js';
export { sendProblem, STATUS_BY_CODE } from './problem.js';
export {
  ROLES,
  ZRole,
  principalOf,
  requestContext,
  signInRequired,
  type AuthHooks,
  type Principal,
  type RequestContext,
  type Role,
} from './request-identity.js';
