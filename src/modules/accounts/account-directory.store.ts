import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { Role } from '../../platform/http/index.js';
import type { AccountsTables } from './accounts.tables.js';

type Db = Queryable<AccountsTables>;

const CONTACT = ['id', 'name', 'email', 'role'] as const;

export async function findUserContact(db: Db, id: string) {
  return db.selectFrom('users').select(CONTACT).where('id', '=', id).executeTakeFirst();
}

export async function findUserContactByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(CONTACT).where(sql<string>`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function listUserContacts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(CONTACT).where('id', 'in', ids).execute();
}

export async function findPasswordHash(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash;
}

export async function listAccountsAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('users').select(['id', 'email']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listActiveUsersWithRole(db: Db, role: Role) {
  return db.selectFrom('users').select(['id', 'email']).where('role', '=', role).where('status', '=', 'active').execute();
}

export async function revokeLiveSessions(db: Db, userId: string, at: Date): Promise<number> {
  const r = await db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
