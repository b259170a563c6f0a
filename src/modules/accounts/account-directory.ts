import type { Role } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './account-directory.store.js';
import type { AccountsTables } from './accounts.tables.js';

/**
 * For other modules, inside their work: accounts looked up as the data-rights modules need them (by
 * id or address, page by page, by platform role), the password hash to check before an erasure, and
 * ending every session of an account at once.
 */
const tables = (work: Work) => tablesOf<AccountsTables>(work);

/** Who an account is, as other modules name and reach it: its id, name, address and platform role. */
export type UserContact = NonNullable<Awaited<ReturnType<typeof store.findUserContact>>>;

/** The account with this id, or undefined. */
export async function findUserContact(work: Work, userId: string) {
  return store.findUserContact(tables(work), userId);
}

/** The account using this address (any case, surrounding spaces ignored), or undefined. */
export async function findUserContactByEmail(work: Work, email: string) {
  return store.findUserContactByEmail(tables(work), email);
}

/** The accounts with these ids that exist, in no particular order. */
export async function listUserContacts(work: Work, userIds: readonly string[]) {
  return store.listUserContacts(tables(work), userIds);
}

/** The account's password hash, for `verifyPassword` outside the transaction (argon2 is slow). */
export async function passwordHashOf(work: Work, userId: string): Promise<string | undefined> {
  return store.findPasswordHash(tables(work), userId);
}

/** Every account, `limit` at a time in id order after `afterId` (ids and addresses only). */
export async function listAccountsAfter(work: Work, afterId: string, limit: number) {
  return store.listAccountsAfter(tables(work), afterId, limit);
}

/** Active accounts with this platform role (ids and addresses), e.g. the privacy officers to remind. */
export async function listActiveUsersWithRole(work: Work, role: Role) {
  return store.listActiveUsersWithRole(tables(work), role);
}

/**
 * Ends every live session of the account at once (e.g. when its erasure starts); returns how many
 * were ended. Auditing it is the caller's: it knows why.
 */
export async function revokeAllSessions(work: Work, userId: string, at: Date): Promise<number> {
  return store.revokeLiveSessions(tables(work), userId, at);
}
