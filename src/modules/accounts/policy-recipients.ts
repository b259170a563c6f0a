import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { AccountsTables } from './accounts.tables.js';
import * as store from './policy-recipients.store.js';

export type PolicyRecipient = { id: string; email: string; name: string };

/**
 * The people a notice of a privacy-policy change goes to, a page at a time inside the caller's work:
 * those who had an account when the version was published, in id order after `after`.
 */
export async function listPolicyRecipients(work: Work, page: { after: string | null; createdBefore: Date; limit: number }): Promise<PolicyRecipient[]> {
  return store.listUsersCreatedBefore(tablesOf<AccountsTables>(work), page);
}
