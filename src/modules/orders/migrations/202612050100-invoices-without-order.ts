import { sql, type Kysely } from 'kysely';

/**
 * An invoice is no longer always an order's: a subscription's renewal is billed by the same gapless
 * series, with the subscription's number as its reference and no order. `reference` is what the PDF
 * names (the order or subscription number), kept so the row says what it billed on its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invoices alter column order_id drop not null`.execute(db);
  await sql`alter table invoices add column reference text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invoices drop column reference`.execute(db);
  await sql`alter table invoices alter column order_id set not null`.execute(db);
}
