export { createAccountsService, type AccountsService } from './accounts.service.js';
export { registerAccountsRoutes, type AccountsRoutesDeps } from './accounts.routes.js';
export { createAuthHooks, requestContext, principalOf, SESSION_COOKIE, type AuthHooks } from './auth-hooks.js';
export type { AccountsDeps, AccountsDb, RequestContext } from './accounts.deps.js';
export type { Principal } from './sessions.js';
export { ROLES, ZRole, type Role, type TUser } from './accounts.schema.js';
export type { AccountsTables } from './accounts.tables.js';
export { accountsData } from './personal-data.js';
export { hashPassword, verifyPassword } from './passwords.js';
