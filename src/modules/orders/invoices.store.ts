import type { Queryable } from '../../platform/db/index.js';
import type { InvoiceSeries, OrdersTables, TOrderLine, TPostalAddress } from './orders.tables.js';

type Db = Queryable<OrdersTables>;

/**
 * The next number of a series in a fiscal year, without gaps: the counter row is incremented (and so
 * locked) in the same transaction that inserts the invoice, so a rolled-back invoice gives its number back.
 */
export async function takeInvoiceNumber(db: Db, series: InvoiceSeries, fiscalYear: number): Promise<number> {
  const row = await db
    .insertInto('invoice_sequences')
    .values({ series, fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) => oc.columns(['series', 'fiscal_year']).doUpdateSet((eb) => ({ last_number: eb('invoice_sequences.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertInvoice(db: Db, row: Omit<OrdersTables['invoices'], 'billing_address' | 'lines'> & { billing_address: TPostalAddress; lines: TOrderLine[] }) {
  await db
    .insertInto('invoices')
    .values({ ...row, billing_address: JSON.stringify(row.billing_address), lines: JSON.stringify(row.lines) })
    .execute();
}

export async function findInvoice(db: Db, id: string) {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listInvoicesOfOrder(db: Db, orderId: string) {
  return db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).orderBy('issued_at').orderBy('id').execute();
}

export async function listInvoicesOfCustomer(db: Db, customerId: string) {
  return db.selectFrom('invoices').selectAll().where('customer_id', '=', customerId).orderBy('issued_at', 'desc').orderBy('id').execute();
}

export async function listInvoiceKeysAfter(db: Db, after: string, limit: number) {
  return db.selectFrom('invoices').select(['id', 'wrapped_key']).where('id', '>', after).orderBy('id').limit(limit).execute();
}

/** Only if the key is still the one read, so a concurrent rotation never loses a key. */
export async function replaceInvoiceKey(db: Db, id: string, from: string, to: string) {
  await db.updateTable('invoices').set({ wrapped_key: to }).where('id', '=', id).where('wrapped_key', '=', from).execute();
}
