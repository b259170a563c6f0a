import type { Queryable } from '../../platform/db/index.js';
import type { QuotesTables, QuoteStatus } from './quotes.tables.js';
import type { TQuoteBreakdown } from './compute-quote.js';

type Db = Queryable<QuotesTables>;

export async function insertQuote(db: Db, row: Omit<QuotesTables['quotes'], 'breakdown'> & { breakdown: TQuoteBreakdown }) {
  await db.insertInto('quotes').values({ ...row, breakdown: JSON.stringify(row.breakdown) }).execute();
}

export async function findQuote(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('quotes').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listQuotes(db: Db, projectId: string) {
  return db.selectFrom('quotes').selectAll().where('project_id', '=', projectId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function supersedeOpenQuotes(db: Db, projectId: string, now: Date) {
  await db.updateTable('quotes').set({ status: 'superseded', decided_at: now }).where('project_id', '=', projectId).where('status', '=', 'offered').execute();
}

export async function decideQuote(db: Db, id: string, status: QuoteStatus, now: Date) {
  await db.updateTable('quotes').set({ status, decided_at: now }).where('id', '=', id).execute();
}

export async function adjustQuote(db: Db, id: string, change: { amountCents: number; reason: string; by: string; at: Date }) {
  await db
    .updateTable('quotes')
    .set({ amount_cents: change.amountCents, adjustment_reason: change.reason, adjusted_by: change.by, adjusted_at: change.at })
    .where('id', '=', id)
    .execute();
}
