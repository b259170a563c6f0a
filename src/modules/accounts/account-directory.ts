import { LINK_LIFETIME_MINUTES } from './link-lifetimes.js';
import type { Role } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './account-directory.store.js';
import type { AccountsTables } from './accounts.tables.js';

/**
 * For other modules, inside their work: accounts as the data-rights modules need them (page by page,
 * by platform role), and the password hash to check before an erasure.
 */
const tables = (work: Work) => tablesOf<AccountsTables>(work);

/** The account's password hash, for `verifyPassword` outside the transaction (argon2 is slow). */
export async function passwordHashOf(work: Work, userId: string): Promise<string | undefined> {
  return store.findPasswordHash(tables(work), userId);
}

/**
 * Whether the person signed in (with an e-mailed link, where there are no passwords) within the time
 * a sign-in link lives: proof enough of the mailbox for a step that cannot be undone.
 */
export async function signedInRecently(work: Work, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const started = await store.findSessionStart(tables(work), userId, sessionId);
  return started !== undefined && now.getTime() - started.getTime() <= LINK_LIFETIME_MINUTES.sign_in * 60_000;
}

/** Every account, `limit` at a time in id order after `afterId` (ids and addresses only). */
export async function listAccountsAfter(work: Work, afterId: string, limit: number) {
  return store.listAccountsAfter(tables(work), afterId, limit);
}

/** Active accounts with a confirmed address after `afterId` in id order, with how to reach them (a campaign's next batch). */
export async function listReachableAccountsAfter(work: Work, afterId: string, limit: number) {
  return store.listReachableAccountsAfter(tables(work), afterId, limit);
}

/** Active accounts with this platform role (ids and addresses), e.g. the privacy officers to remind. */
export async function listActiveUsersWithRole(work: Work, role: Role) {
  return store.listActiveUsersWithRole(tables(work), role);
}

