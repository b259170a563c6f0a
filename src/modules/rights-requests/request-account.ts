import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUserContactByEmail } from '../accounts/index.js';
import { rightsRequestsErrors } from './rights-requests.errors.js';
import * as store from './rights-requests.store.js';
import type { RequestRow, RightsRequestsTables } from './rights-requests.tables.js';

type Action = 'erase' | 'export' | 'disclosure';

/**
 * The account a confirmed request is about: the one linked when the address was confirmed, or else
 * the one using the address now. Refuses an unconfirmed request: nothing ties it to anyone yet.
 */
export async function accountOfRequest(work: Work, row: Pick<RequestRow, 'user_id' | 'email' | 'verified_at'>, action: Action) {
  if (!row.verified_at) throw rightsRequestsErrors.requestUnverified();
  const account = row.user_id ? await findUserContact(work, row.user_id) : await findUserContactByEmail(work, row.email);
  if (!account) throw rightsRequestsErrors.noAccountForRequest(action);
  return account;
}

/** For other modules, in their work: the id of the account request `requestId` is about (see `accountOfRequest`). */
export async function accountIdOfRequest(work: Work, requestId: string, action: Action): Promise<string> {
  const row = await store.findRequest(tablesOf<RightsRequestsTables>(work), requestId);
  if (!row) throw rightsRequestsErrors.requestNotFound();
  return (await accountOfRequest(work, row, action)).id;
}
