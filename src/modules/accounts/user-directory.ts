import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';

/** Who an account is, as other modules name and reach it: its id, name, address and platform role. */
export type UserContact = NonNullable<Awaited<ReturnType<typeof store.findUserContact>>>;

/** For other modules, inside their work: the account with this id, or undefined. */
export async function findUserContact(work: Work, userId: string) {
  return store.findUserContact(tablesOf<AccountsTables>(work), userId);
}

/** For other modules, inside their work: the account using this address (any case), or undefined. */
export async function findUserContactByEmail(work: Work, email: string) {
  return store.findUserContactByEmail(tablesOf<AccountsTables>(work), email);
}

/** For other modules, inside their work: the accounts with these ids that exist, in no particular order. */
export async function listUserContacts(work: Work, userIds: readonly string[]) {
  return store.listUserContacts(tablesOf<AccountsTables>(work), userIds);
}
