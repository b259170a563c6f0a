import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { fiscalYearOf } from './fiscal-year.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { OrdersDeps } from './orders.deps.js';
import * as invoices from './invoices.store.js';
import type { InvoiceRow, InvoiceSeries, OrderRow, OrdersTables } from './orders.tables.js';

/**
 * What an invoice bills: an order, or anything else sold to a customer (a subscription period), with
 * `id` null and `referenceLabel` naming what `number` is.
 */
export type Billable = Pick<OrderRow, 'number' | 'customer_id' | 'billing_address' | 'lines' | 'currency' | 'net_cents' | 'tax_rate_percent' | 'tax_cents' | 'total_cents'> & {
  id: string | null;
  referenceLabel?: string;
};

const PREFIX: Record<InvoiceSeries, string> = { invoice: 'INV', credit_note: 'CN' };

/**
 * Issues an invoice (or a credit note crediting `credits`) for the order, inside the work that settles
 * the payment or refund: its number is the next of its series in the fiscal year of today, without gaps;
 * the PDF is written once to the vault, encrypted under a key of its own, and never changed (a database
 * trigger refuses edits). The row is kept under the legal duty the registry states.
 */
export async function issueInvoice(work: Work, deps: Pick<OrdersDeps, 'now' | 'policy' | 'fileVault' | 'taxRatePercent'>, order: Billable, opts: { series: InvoiceSeries; credits?: InvoiceRow; reason?: string; paidWith: string | null }) {
  const db = tablesOf<OrdersTables>(work);
  const { manifest, values } = await deps.policy.inWork(work);
  const issuedAt = deps.now();
  const fiscalYear = fiscalYearOf(issuedAt, values.fiscalYearEnd);
  const sequence = await invoices.takeInvoiceNumber(db, opts.series, fiscalYear);
  const number = `${PREFIX[opts.series]}-${fiscalYear}-${String(sequence).padStart(6, '0')}`;
  const pdf = await renderInvoicePdf({
    series: opts.series,
    number,
    issuedAt,
    orderNumber: order.number,
    ...(order.referenceLabel ? { referenceLabel: order.referenceLabel } : {}),
    credits: opts.credits?.number ?? null,
    reason: opts.reason ?? null,
    seller: { name: manifest.operator.legal_name ?? manifest.operator.name, address: manifest.operator.address ?? manifest.operator.contacts.postal_address ?? null, email: manifest.operator.contacts.email },
    billTo: order.billing_address,
    lines: order.lines,
    currency: order.currency,
    netCents: order.net_cents,
    taxRatePercent: Number(order.tax_rate_percent),
    taxCents: order.tax_cents,
    totalCents: order.total_cents,
    paidWith: opts.paidWith,
  });
  const id = randomUUID();
  const storageKey = `invoices/${id}`;
  const stored = await deps.fileVault.vault().writeFile(storageKey, pdf);
  await invoices.insertInvoice(db, {
    id,
    number,
    series: opts.series,
    fiscal_year: fiscalYear,
    sequence,
    order_id: order.id,
    reference: order.number,
    customer_id: order.customer_id,
    credited_invoice_id: opts.credits?.id ?? null,
    currency: order.currency,
    net_cents: order.net_cents,
    tax_cents: order.tax_cents,
    total_cents: order.total_cents,
    billing_address: order.billing_address,
    lines: order.lines,
    issued_at: issuedAt,
    sha256: stored.sha256,
    wrapped_key: stored.wrappedKey,
    storage_key: storageKey,
  });
  await work.audit({
    action: opts.series === 'invoice' ? 'invoices.issued' : 'invoices.credit_note_issued',
    subjectId: order.customer_id,
    target: { type: 'invoice', id },
    details: { number, orderId: order.id, totalCents: order.total_cents, currency: order.currency, fiscalYear },
  });
  return { id, number };
}
