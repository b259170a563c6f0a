import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { AccountsTables } from './accounts.tables.js';
import * as store from './user-contacts.store.js';

/**
 * How other modules reach a person: their name and e-mail address, and whether their account may act
 * in a role (role, status). Read in the caller's unit of work; the `users` table stays the accounts module's.
 */
export type UserContact = NonNullable<Awaited<ReturnType<typeof store.findUserContact>>>;

export async function findUserContact(work: Work, userId: string): Promise<UserContact | undefined> {
  return store.findUserContact(tablesOf<AccountsTables>(work), userId);
}

/** The account using this address (any case), or undefined. */
export async function findUserContactByEmail(work: Work, email: string): Promise<UserContact | undefined> {
  return store.findUserContactByEmail(tablesOf<AccountsTables>(work), email);
}

/** The accounts among `userIds` that exist, ordered by name (then id); unknown ids are left out. */
export async function findUsersContact(work: Work, userIds: readonly string[]): Promise<UserContact[]> {
  return store.listUserContacts(tablesOf<AccountsTables>(work), [...new Set(userIds)]);
}
