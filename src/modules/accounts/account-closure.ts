import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';

/**
 * For the module that closes accounts (retention, which knows the archive period), inside its work:
 * marks the account closed at `at` and ends its sessions. Returns the contact to tell the person, or
 * throws when it is already closed. Auditing and the mail are the caller's: it knows what is kept.
 */
export async function markAccountClosed(work: Work, userId: string, at: Date) {
  const db = tablesOf<AccountsTables>(work);
  const user = await store.findUserById(db, userId);
  if (!user) throw accountsErrors.accountGone();
  if (user.status === 'closed') throw accountsErrors.closed();
  await store.updateUser(db, userId, { status: 'closed', closed_at: at });
  const sessions = await store.revokeSessions(db, userId, at);
  return { id: user.id, name: user.name, email: user.email, role: user.role, sessions };
}
