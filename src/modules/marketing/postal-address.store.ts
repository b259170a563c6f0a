import type { Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { MarketingTables } from './marketing.tables.js';

type Db = Queryable<MarketingTables>;

export async function findPostalAddress(db: Db, userId: string) {
  return db.selectFrom('marketing_postal_addresses').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPostalAddress(db: Db, row: Insertable<MarketingTables['marketing_postal_addresses']>) {
  const { user_id: _id, ...set } = row;
  await db.insertInto('marketing_postal_addresses').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet(set)).execute();
}

/** Whether there was one to delete. */
export async function deletePostalAddress(db: Db, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('marketing_postal_addresses').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
