import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { ConsentAnswer, PrivacyTables, PromptPurpose } from './privacy.tables.js';

type Db = Queryable<PrivacyTables>;

const summaryColumns = ['version', 'published_at', 'effective_at', 'change_level', 'summary', 'diff'] as const;

/** Publications run one at a time, so two officers cannot both publish "version 4". */
export async function lockVersions(db: Db) {
  await sql`lock table manifest_versions in share row exclusive mode`.execute(db);
}

export async function findLatestVersion(db: Db) {
  return db.selectFrom('manifest_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The number of the version in force at `now`: the cheap query the policy cache re-checks with. */
export async function findActiveVersionNumber(db: Db, now: Date) {
  const row = await db
    .selectFrom('manifest_versions')
    .select('version')
    .where('effective_at', '<=', now)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version;
}

export async function findVersion(db: Db, version: number) {
  return db.selectFrom('manifest_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function listVersions(db: Db) {
  return db.selectFrom('manifest_versions').select([...summaryColumns]).orderBy('version', 'desc').execute();
}

export async function insertVersion(db: Db, row: PrivacyTables['manifest_versions']) {
  await db
    .insertInto('manifest_versions')
    .values({ ...row, diff: JSON.stringify(row.diff) })
    .execute();
}

/** Records the notice; false when this user already has it (a retried job sends nothing twice). */
export async function insertNotice(db: Db, userId: string, version: number, sentAt: Date) {
  const rows = await db
    .insertInto('policy_notices')
    .values({ user_id: userId, version, sent_at: sentAt, acknowledged_at: null })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function acknowledgeNotice(db: Db, userId: string, version: number, at: Date) {
  return db
    .updateTable('policy_notices')
    .set({ acknowledged_at: at })
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .where('acknowledged_at', 'is', null)
    .returning(['version', 'acknowledged_at'])
    .executeTakeFirst();
}

export async function findNotice(db: Db, userId: string, version: number) {
  return db.selectFrom('policy_notices').selectAll().where('user_id', '=', userId).where('version', '=', version).executeTakeFirst();
}

export async function listNoticesOf(db: Db, userId: string) {
  return db.selectFrom('policy_notices').selectAll().where('user_id', '=', userId).orderBy('version', 'desc').limit(100).execute();
}

export async function insertConsentPrompt(db: Db, row: { id: string; user_id: string; version: number; purposes: PromptPurpose[]; created_at: Date }) {
  const rows = await db
    .insertInto('consent_prompts')
    .values({ ...row, purposes: JSON.stringify(row.purposes), answered_at: null, answer: null })
    .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function listPendingPrompts(db: Db, userId: string) {
  return db
    .selectFrom('consent_prompts')
    .select(['id', 'version', 'purposes', 'created_at'])
    .where('user_id', '=', userId)
    .where('answered_at', 'is', null)
    .orderBy('version')
    .limit(50)
    .execute();
}

/** Answers a pending prompt of this user, atomically: a second answer finds nothing. */
export async function answerPrompt(db: Db, userId: string, id: string, answer: ConsentAnswer, at: Date) {
  return db
    .updateTable('consent_prompts')
    .set({ answer, answered_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('answered_at', 'is', null)
    .returning(['id', 'version', 'purposes', 'answer', 'answered_at'])
    .executeTakeFirst();
}
