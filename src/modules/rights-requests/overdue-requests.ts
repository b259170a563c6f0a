import type { Kysely } from 'kysely';
import * as store from './rights-requests.store.js';

/** Verified requests not answered by their due date (`today` is YYYY-MM-DD), soonest due first: no names, ids only. */
export async function listOverdueRequests(db: Kysely<unknown>, today: string) {
  return store.listOverdue(db, today);
}
