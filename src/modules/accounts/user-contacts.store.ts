import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { AccountsTables } from './accounts.tables.js';

type Db = Queryable<Pick<AccountsTables, 'users'>>;

const contactColumns = ['id', 'name', 'email', 'role', 'status'] as const;

export async function findUserContact(db: Db, id: string) {
  return db.selectFrom('users').select(contactColumns).where('id', '=', id).executeTakeFirst();
}

export async function findUserContactByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(contactColumns).where(sql<string>`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

/** By name (then id), so a list of people reads in the database's collation order. */
export async function listUserContacts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(contactColumns).where('id', 'in', [...ids]).orderBy('name').orderBy('id').execute();
}
