export { accountsUseCases, type AccountsService } from './accounts.use-cases.js';
export { registerAccountsRoutes, type AccountsRoutesDeps } from './accounts.routes.js';
export { createAuthHooks, SESSION_COOKIE } from './auth-hooks.js';
export type { AccountsDeps } from './accounts.deps.js';
export type { TUser } from './accounts.schema.js';
export { accountsData } from './personal-data.js';
export { hashPassword, verifyPassword } from './passwords.js';
// Transitional, while rights still queries these tables: delete both lines then.
export type { AccountsDb } from './accounts.deps.js';
export type { AccountsTables } from './accounts.tables.js';
export { findUserContact, findUserContactByEmail, findUsersContact, type UserContact } from './user-contacts.js';
export { listPolicyRecipients, type PolicyRecipient } from './policy-recipients.js';
export { revokeAllSessions } from './session-revocation.js';
