import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { MailTables } from './mail.tables.js';
import * as store from './outbox-lookup.store.js';

/**
 * For other modules, inside their work: the id of the newest outbox message of this kind to this
 * account — e.g. the one `work.mail` just wrote, to ask the mail service after commit whether it left.
 */
export async function findNewestMailId(work: Work, userId: string, kind: string): Promise<string | null> {
  return store.findNewestMailId(tablesOf<MailTables>(work), userId, kind);
}
