import type { AccountsDeps } from './accounts.deps.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';

/** Whether the account is being erased, asked inside the work that would use it (false without the erasure module). */
export async function isBeingErased(deps: Pick<AccountsDeps, 'beingErased'>, work: Work, userId: string): Promise<boolean> {
  return deps.beingErased ? store.isUserBeingErased(tablesOf<AccountsTables>(work), userId, deps.beingErased) : false;
}
