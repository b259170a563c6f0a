import type { Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';

type Db = Queryable<LegalHoldsTables>;

export async function insertHold(db: Db, row: Insertable<LegalHoldsTables['legal_holds']>) {
  await db.insertInto('legal_holds').values(row).execute();
}

export async function findHold(db: Db, id: string) {
  return db.selectFrom('legal_holds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markReleased(db: Db, id: string, by: string | null, at: Date) {
  await db.updateTable('legal_holds').set({ released_by: by, released_at: at }).where('id', '=', id).execute();
}

export async function listHolds(db: Db) {
  return db.selectFrom('legal_holds').selectAll().orderBy('opened_at', 'desc').execute();
}

/** Holds in force at `at`: not released, and not past their end date. */
export async function listActiveHolds(db: Db, at: Date) {
  return db
    .selectFrom('legal_holds')
    .select(['id', 'scope', 'scope_id', 'reason'])
    .where('released_at', 'is', null)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', at)]))
    .execute();
}

/** Holds past their end date that nothing has closed yet. */
export async function listLapsedHolds(db: Db, at: Date) {
  return db.selectFrom('legal_holds').select('id').where('released_at', 'is', null).where('ends_on', '<=', at).orderBy('ends_on').execute();
}
