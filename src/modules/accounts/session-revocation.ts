import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';

/**
 * For other modules, inside their work: ends every live session of the account at once (e.g. when
 * its erasure starts). Returns how many were ended. Auditing it is the caller's: it knows why.
 */
export async function revokeAllSessions(work: Work, userId: string, at: Date): Promise<number> {
  return store.revokeSessions(tablesOf<AccountsTables>(work), userId, at);
}
