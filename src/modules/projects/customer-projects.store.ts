import type { Queryable } from '../../platform/db/index.js';
import type { ProjectsTables } from './projects.tables.js';

export async function listProjectIdsOfCustomer(db: Queryable<ProjectsTables>, customerId: string): Promise<string[]> {
  return (await db.selectFrom('projects').select('id').where('customer_id', '=', customerId).execute()).map((r) => r.id);
}
