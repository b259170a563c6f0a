import type { Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { RightsDb } from './rights.deps.js';
import type { ErasureProgress, RightsTables } from './rights.tables.js';

type Db = Queryable<RightsDb>;

export async function findUser(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'password_hash', 'last_active_at', 'created_at']).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(['id', 'email', 'name']).where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase())).executeTakeFirst();
}

export async function findErasure(db: Db, id: string) {
  return db.selectFrom('erasures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockErasure(db: Db, id: string) {
  return db.selectFrom('erasures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Whether an erasure of this account was asked for and has not finished: accounts refuses sign-in meanwhile. */
export async function isBeingErased(db: Db, userId: string): Promise<boolean> {
  return (await findOpenErasureOf(db, userId)) !== undefined;
}

export async function findOpenErasureOf(db: Db, userId: string) {
  return db.selectFrom('erasures').select(['id', 'status']).where('user_id', '=', userId).where('status', '!=', 'completed').executeTakeFirst();
}

export async function insertErasure(db: Db, row: Insertable<RightsTables['erasures']>) {
  await db.insertInto('erasures').values(row).execute();
}

export async function saveProgress(db: Db, id: string, progress: ErasureProgress) {
  await db.updateTable('erasures').set({ progress: JSON.stringify(progress) }).where('id', '=', id).execute();
}

export async function findExport(db: Db, id: string) {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listExports(db: Db, userId: string) {
  return db
    .selectFrom('data_exports')
    .select(['id', 'status', 'size_bytes', 'created_at', 'completed_at', 'downloaded_at', 'link_expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

export async function restrictionsOf(db: Db, userId: string) {
  return db.selectFrom('processing_restrictions').select(['scope', 'since', 'reason']).where('user_id', '=', userId).orderBy('scope').execute();
}

export async function disclosuresOf(db: Db, userId: string) {
  return db
    .selectFrom('disclosures')
    .select(['id', 'kind', 'recipient', 'categories', 'legal_basis', 'reference', 'disclosed_at'])
    .where('subject_id', '=', userId)
    .orderBy('disclosed_at', 'desc')
    .limit(500)
    .execute();
}
