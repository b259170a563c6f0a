import type { Queryable } from '../../platform/db/index.js';
import type { Role } from '../../platform/http/index.js';
import type { AccountsTables } from './accounts.tables.js';

type Db = Queryable<AccountsTables>;

/** Undefined also when the account has no password (a policy without credentials.password). */
export async function findPasswordHash(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash ?? undefined;
}

/** When a session was opened (undefined for no such session of that account). */
export async function findSessionStart(db: Db, userId: string, sessionId: string): Promise<Date | undefined> {
  return (await db.selectFrom('sessions').select('created_at').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst())?.created_at;
}

export async function listAccountsAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('users').select(['id', 'email']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listReachableAccountsAfter(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'company'])
    .where('id', '>', afterId)
    .where('status', '=', 'active')
    .where('email_verified_at', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function listActiveUsersWithRole(db: Db, role: Role) {
  return db.selectFrom('users').select(['id', 'email']).where('role', '=', role).where('status', '=', 'active').execute();
}
