import type { Insertable, Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { MarketingTables } from './marketing.tables.js';

type Db = Queryable<MarketingTables>;
export type CampaignRow = MarketingTables['marketing_campaigns'];

export async function insertCampaign(db: Db, row: Insertable<CampaignRow>) {
  await db.insertInto('marketing_campaigns').values(row).execute();
}

export async function findCampaign(db: Db, id: string) {
  return db.selectFrom('marketing_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the campaign row for the batch that advances it: two workers never run one batch twice. */
export async function lockCampaign(db: Db, id: string) {
  return db.selectFrom('marketing_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listCampaigns(db: Db, limit: number) {
  return db.selectFrom('marketing_campaigns').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateCampaign(db: Db, id: string, set: Updateable<CampaignRow>) {
  await db.updateTable('marketing_campaigns').set(set).where('id', '=', id).execute();
}

/** Records a delivery; false when this person already had this campaign (never twice). */
export async function insertDelivery(db: Db, row: Insertable<MarketingTables['marketing_deliveries']>): Promise<boolean> {
  const result = await db.insertInto('marketing_deliveries').values(row).onConflict((oc) => oc.columns(['campaign_id', 'user_id']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deliveriesOf(db: Db, campaignId: string) {
  return db.selectFrom('marketing_deliveries').selectAll().where('campaign_id', '=', campaignId).orderBy('delivered_at').execute();
}
