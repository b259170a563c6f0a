import type { Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { MailTables } from './mail.tables.js';

type Db = Queryable<MailTables>;
export type OutboxRow = Insertable<MailTables['mail_outbox']>;

export async function insertOutbox(db: Db, row: OutboxRow) {
  await db.insertInto('mail_outbox').values(row).execute();
}

export async function listOutbox(db: Db, opts: { limit: number; to?: string }) {
  let q = db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').limit(opts.limit);
  if (opts.to) q = q.where('to_address', '=', opts.to.toLowerCase());
  return q.execute();
}

export async function getOutbox(db: Db, id: string) {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSent(db: Db, id: string, at: Date) {
  await db.updateTable('mail_outbox').set({ sent_at: at }).where('id', '=', id).execute();
}

export async function markFailed(db: Db, id: string, error: string) {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
    .where('id', '=', id)
    .execute();
}
