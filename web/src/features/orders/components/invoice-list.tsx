/** Invoices and credit notes, each a PDF to download as issued. */
import { formatDate } from '../../../lib/format.js';
import type { Invoice } from '../api/orders-api.js';
import { formatMoney } from './order-format.js';

export function InvoiceList({ invoices }: { invoices: readonly Invoice[] }) {
  if (invoices.length === 0) return <p className="muted">No invoice yet: it is issued when the payment arrives.</p>;
  return (
    <ul className="plain-list" aria-label="Invoices">
      {invoices.map((i) => (
        <li key={i.id}>
          <a href={i.downloadUrl} download={`${i.number}.pdf`}>
            {i.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {i.number}
          </a>{' '}
          <span className="muted small">
            {formatMoney(i.kind === 'credit_note' ? -i.totalCents : i.totalCents, i.currency)} · {formatDate(i.issuedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
