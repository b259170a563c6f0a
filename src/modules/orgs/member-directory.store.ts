import type { Queryable } from '../../platform/db/index.js';
import type { OrgsTables } from './orgs.tables.js';

type Db = Queryable<OrgsTables>;

export async function findMemberRole(db: Db, orgId: string, userId: string) {
  return db.selectFrom('organisation_members').select(['user_id', 'role']).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export async function listMemberIds(db: Db, orgId: string): Promise<string[]> {
  return (await db.selectFrom('organisation_members').select('user_id').where('org_id', '=', orgId).execute()).map((r) => r.user_id);
}
