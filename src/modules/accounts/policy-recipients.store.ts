import type { Queryable } from '../../platform/db/index.js';
import type { AccountsTables } from './accounts.tables.js';

/** A page of the users who had an account at `createdBefore`, in id order, after the id `after`. */
export async function listUsersCreatedBefore(db: Queryable<AccountsTables>, page: { after: string | null; createdBefore: Date; limit: number }) {
  const { after, createdBefore, limit } = page;
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('created_at', '<=', createdBefore)
    .$if(after !== null, (q) => q.where('id', '>', after!))
    .orderBy('id')
    .limit(limit)
    .execute();
}
