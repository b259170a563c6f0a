import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './customer-projects.store.js';
import type { ProjectsTables } from './projects.tables.js';

/** For other modules, inside their work: the ids of every project of this customer (e.g. for their data export). */
export async function listProjectIdsOfCustomer(work: Work, customerId: string): Promise<string[]> {
  return store.listProjectIdsOfCustomer(tablesOf<ProjectsTables>(work), customerId);
}
