export { createAccountsService, type AccountsService } from './accounts.service.js';
export { registerAccountsRoutes, type AccountsRoutesDeps } from './accounts.routes.js';
export { createAuthHooks, SESSION_COOKIE } from './auth-hooks.js';
export type { AccountsDeps, AccountsDb } from './accounts.deps.js';
export type { TUser } from './accounts.schema.js';
export type { AccountsTables } from './accounts.tables.js';
export { accountsData } from './personal-data.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { findUserContact, findUserContactByEmail, listUserContacts, passwordHashOf, listAccountsAfter, listActiveUsersWithRole, revokeAllSessions, type UserContact } from './account-directory.js';
