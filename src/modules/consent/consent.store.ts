import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { ConsentTables } from './consent.tables.js';

type Db = Queryable<ConsentTables>;

/** Who a decision is about: a person (signed in), else an anonymous visitor. */
export type ConsentSubject = { userId: string | null; visitorId: string | null };

export async function insertRecord(db: Db, row: Insertable<ConsentTables['consent_records']>) {
  await db.insertInto('consent_records').values(row).execute();
}

/**
 * The newest record of each scope for a subject: a person's own records when signed in (and any),
 * else the visitor's. A person who chose before signing in keeps that choice until they choose again.
 */
export async function newestRecords(db: Db, subject: ConsentSubject, scopes?: string[]) {
  for (const [column, id] of [['user_id', subject.userId], ['visitor_id', subject.visitorId]] as const) {
    if (!id) continue;
    let query = db
      .selectFrom('consent_records')
      .selectAll()
      .distinctOn('scope')
      .where(column, '=', id)
      .orderBy('scope')
      .orderBy('seq', 'desc');
    if (column === 'visitor_id') query = query.where('user_id', 'is', null);
    if (scopes) query = query.where('scope', 'in', scopes.length ? scopes : ['']);
    const rows = await query.execute();
    if (rows.length > 0) return rows;
  }
  return [];
}

/** Every record of a person, newest first (their settings page shows the history). */
export async function recordsOf(db: Db, subject: ConsentSubject, limit: number) {
  const column = subject.userId ? 'user_id' : 'visitor_id';
  const id = subject.userId ?? subject.visitorId;
  if (!id) return [];
  return db.selectFrom('consent_records').selectAll().where(column, '=', id).orderBy('seq', 'desc').limit(limit).execute();
}

/** Decisions since `from`, counted by how they were taken and what they were (no one named). */
export async function decisionsByMethod(db: Db, from: Date) {
  return db
    .selectFrom('consent_records')
    .select(['method', 'decision', sql<string>`count(*)`.as('records')])
    .where('decided_at', '>=', from)
    .groupBy(['method', 'decision'])
    .orderBy('method')
    .orderBy('decision')
    .execute();
}

/** How many people and visitors decided anything since `from`, and how many of them sent Global Privacy Control. */
export async function subjectsWithGpc(db: Db, from: Date) {
  const subject = sql`coalesce(user_id::text, visitor_id)`;
  const row = await db
    .selectFrom('consent_records')
    .select([sql<string>`count(distinct ${subject})`.as('subjects'), sql<string>`count(distinct ${subject}) filter (where method = 'gpc')`.as('gpc')])
    .where('decided_at', '>=', from)
    .executeTakeFirst();
  return { subjects: Number(row?.subjects ?? 0), gpc: Number(row?.gpc ?? 0) };
}
