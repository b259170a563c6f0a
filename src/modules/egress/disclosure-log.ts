import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './egress.store.js';
import type { EgressTables } from './egress.tables.js';

/** The person's disclosure log, newest first, for their privacy dashboard. */
export async function disclosuresOf(work: Work, userId: string) {
  return store.disclosuresOf(tablesOf<EgressTables>(work), userId);
}
