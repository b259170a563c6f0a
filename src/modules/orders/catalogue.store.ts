import type { Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { CatalogueItemRow, OrdersTables } from './orders.tables.js';

type Db = Queryable<OrdersTables>;

export async function insertCatalogueItem(db: Db, row: CatalogueItemRow): Promise<void> {
  await db.insertInto('catalogue_items').values(row).execute();
}

export async function findCatalogueItem(db: Db, id: string): Promise<CatalogueItemRow | undefined> {
  return db.selectFrom('catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCatalogueItems(db: Db, opts: { activeOnly: boolean }): Promise<CatalogueItemRow[]> {
  let q = db.selectFrom('catalogue_items').selectAll().orderBy('name').orderBy('id');
  if (opts.activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export async function updateCatalogueItem(db: Db, id: string, change: Updateable<OrdersTables['catalogue_items']>): Promise<number> {
  const res = await db.updateTable('catalogue_items').set(change).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
