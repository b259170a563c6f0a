import type { Queryable } from '../../platform/db/index.js';
import type { PrivacyTables } from './privacy.tables.js';

type Db = Queryable<PrivacyTables>;

/** Records one acceptance unless the person already accepted this version; whether this row was recorded. */
export async function insertAcceptance(db: Db, row: PrivacyTables['policy_acceptances']): Promise<boolean> {
  const inserted = await db
    .insertInto('policy_acceptances')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The acceptance of one version by one person (at most one: unique per person and version). */
export async function findAcceptanceOfVersion(db: Db, userId: string, version: number) {
  return db
    .selectFrom('policy_acceptances')
    .select(['version', 'document_hash', 'accepted_at', 'how'])
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
}

export async function findLatestAcceptance(db: Db, userId: string) {
  return db
    .selectFrom('policy_acceptances')
    .select(['version', 'document_hash', 'accepted_at', 'how'])
    .where('user_id', '=', userId)
    .orderBy('accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether the person has accepted any version: an account made for them (CLI, first admin) has not, until asked. */
export async function hasAnyAcceptance(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('policy_acceptances').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findAcceptanceOf(db: Db, userId: string, version: number, documentHash: string) {
  return db
    .selectFrom('policy_acceptances')
    .select(['version', 'document_hash', 'accepted_at', 'how'])
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .where('document_hash', '=', documentHash)
    .executeTakeFirst();
}
