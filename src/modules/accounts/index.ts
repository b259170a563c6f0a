export { accountsUseCases, type AccountsService } from './accounts.use-cases.js';
export { registerAccountsRoutes, type AccountsRoutesDeps } from './accounts.routes.js';
export { createAuthHooks, SESSION_COOKIE } from './auth-hooks.js';
export type { AccountsDeps } from './accounts.deps.js';
export type { TUser } from './accounts.schema.js';
export { accountsData } from './personal-data.js';
export { hashPassword, verifyPassword } from './passwords.js';
// Transitional, while projects, rights and privacy still query these tables: delete both lines then.
export type { AccountsDb } from './accounts.deps.js';
export type { AccountsTables } from './accounts.tables.js';
export { findUserContact, findUserContactByEmail, listUserContacts, type UserContact } from './user-directory.js';
export { revokeAllSessions } from './session-revocation.js';
