import type { Queryable } from '../../platform/db/index.js';
import type { ProductDefinition, Selections } from '../../../packages/configurator-rules/src/index.js';
import type { ConfiguratorTables, ProductStatus } from './configurator.tables.js';

type Db = Queryable<ConfiguratorTables>;
type ProductInsert = Omit<ConfiguratorTables['configurable_products'], 'definition'> & { definition: ProductDefinition };
type ConfigurationInsert = Omit<ConfiguratorTables['configurations'], 'selections'> & { selections: Selections };

export async function insertProduct(db: Db, row: ProductInsert) {
  await db.insertInto('configurable_products').values({ ...row, definition: JSON.stringify(row.definition) }).execute();
}

export async function updateProduct(db: Db, id: string, change: Pick<ProductInsert, 'name' | 'description' | 'model_file_id' | 'model_name' | 'definition' | 'updated_at'>) {
  await db.updateTable('configurable_products').set({ ...change, definition: JSON.stringify(change.definition) }).where('id', '=', id).execute();
}

export async function setProductStatus(db: Db, id: string, status: ProductStatus, now: Date) {
  await db.updateTable('configurable_products').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function findProduct(db: Db, id: string) {
  return db.selectFrom('configurable_products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProducts(db: Db, opts: { publishedOnly: boolean }) {
  let q = db.selectFrom('configurable_products').selectAll();
  if (opts.publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('name').orderBy('id').limit(500).execute();
}

export async function insertConfiguration(db: Db, row: ConfigurationInsert) {
  await db.insertInto('configurations').values({ ...row, selections: JSON.stringify(row.selections) }).execute();
}

export async function updateConfiguration(db: Db, id: string, change: Pick<ConfigurationInsert, 'name' | 'selections' | 'price_cents' | 'currency' | 'updated_at'>) {
  await db.updateTable('configurations').set({ ...change, selections: JSON.stringify(change.selections) }).where('id', '=', id).execute();
}

export async function findConfiguration(db: Db, id: string) {
  return db.selectFrom('configurations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listConfigurationsOf(db: Db, customerId: string) {
  return db
    .selectFrom('configurations')
    .innerJoin('configurable_products', 'configurable_products.id', 'configurations.product_id')
    .selectAll('configurations')
    .select('configurable_products.name as product_name')
    .where('configurations.customer_id', '=', customerId)
    .orderBy('configurations.updated_at', 'desc')
    .orderBy('configurations.id')
    .execute();
}

export async function deleteConfiguration(db: Db, id: string) {
  await db.deleteFrom('configurations').where('id', '=', id).execute();
}

export async function insertShare(db: Db, row: ConfiguratorTables['configuration_shares']) {
  await db.insertInto('configuration_shares').values(row).execute();
}

export async function listShares(db: Db, configurationId: string) {
  return db.selectFrom('configuration_shares').selectAll().where('configuration_id', '=', configurationId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findShare(db: Db, configurationId: string, shareId: string) {
  return db.selectFrom('configuration_shares').selectAll().where('configuration_id', '=', configurationId).where('id', '=', shareId).executeTakeFirst();
}

/** A link that still opens: known and not revoked. */
export async function findLiveShareByHash(db: Db, tokenHash: string) {
  return db.selectFrom('configuration_shares').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function insertShareOpen(db: Db, row: ConfiguratorTables['configuration_share_opens']) {
  await db.insertInto('configuration_share_opens').values(row).execute();
}

/** Per link of a configuration: how often its page was opened (its models load with each), and when last. */
export async function shareOpenCounts(db: Db, configurationId: string) {
  return db
    .selectFrom('configuration_share_opens as o')
    .innerJoin('configuration_shares as s', 's.id', 'o.share_id')
    .select((eb) => ['o.share_id', eb.fn.countAll<string>().as('opens'), eb.fn.max('o.opened_at').as('last_opened_at')])
    .where('s.configuration_id', '=', configurationId)
    .where('o.object', '=', 'configuration')
    .groupBy('o.share_id')
    .execute();
}

/** A link's latest opens, newest first. */
export async function listShareOpens(db: Db, shareId: string, limit: number) {
  return db.selectFrom('configuration_share_opens').select(['object', 'file_id', 'opened_at']).where('share_id', '=', shareId).orderBy('opened_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function revokeShare(db: Db, id: string, now: Date) {
  await db.updateTable('configuration_shares').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
