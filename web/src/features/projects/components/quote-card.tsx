/** One quote: the price, how it was reached, and (for an open quote) the customer's choice. */
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { formatDateTime } from '../../../lib/format.js';
import { Link } from '../../../lib/router.js';
import type { Quote } from '../api/quotes-api.js';
import { formatMoney } from '../utils/format.js';

const STATUS_WORDS: Record<Quote['status'], string> = { offered: 'Open', accepted: 'Accepted', declined: 'Declined', superseded: 'Replaced' };

export function QuoteCard({ quote, busy, onAccept, onDecline, orderable = false }: { quote: Quote; busy: 'accept' | 'decline' | null; onAccept: () => void; onDecline: () => void; orderable?: boolean }) {
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const b = quote.breakdown;
  const headingId = `quote-${quote.id}-heading`;
  return (
    <article className={`quote quote-${quote.status}`} aria-labelledby={headingId}>
      <header className="quote-head">
        <h3 id={headingId} className="quote-amount">
          {money(quote.amountCents)}
          <span className={`badge${quote.status === 'accepted' ? ' badge-ok' : quote.status === 'offered' ? ' badge-warn' : ''}`}>{STATUS_WORDS[quote.status]}</span>
        </h3>
        <p className="muted small">
          {b.quantity} × {b.process} in {b.material} · issued {formatDateTime(quote.createdAt)}
          {quote.decidedAt ? ` · ${STATUS_WORDS[quote.status].toLowerCase()} ${formatDateTime(quote.decidedAt)}` : ''}
        </p>
      </header>
      {quote.adjusted ? (
        <p className="quote-adjusted">
          Adjusted from the instant price of {money(quote.computedCents)}
          {quote.adjustmentReason ? (
            <>
              : <q>{quote.adjustmentReason}</q>
            </>
          ) : null}
        </p>
      ) : null}
      <details className="quote-details">
        <summary>How this price was worked out</summary>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="visually-hidden">Price breakdown</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="numeric">Volume</th>
                <th scope="col" className="numeric">Machine time</th>
                <th scope="col" className="numeric">Per part</th>
                <th scope="col" className="numeric">× {b.quantity}</th>
              </tr>
            </thead>
            <tbody>
              {b.lines.map((line) => (
                <tr key={line.fileId}>
                  <th scope="row">{line.fileName}</th>
                  <td className="numeric" data-label="Volume">
                    {line.volumeCm3.toFixed(2)} cm³
                  </td>
                  <td className="numeric" data-label="Machine time">
                    {line.machineHours.toFixed(2)} h
                  </td>
                  <td className="numeric" data-label="Per part">
                    {money(line.unitCents)}
                  </td>
                  <td className="numeric" data-label={`× ${b.quantity}`}>
                    {money(line.lineCents)}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Setup fee</th>
                <td colSpan={3} />
                <td className="numeric" data-label={`× ${b.quantity}`}>
                  {money(b.setupFeeCents)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        {b.minimumApplied ? <p className="small">The minimum order of {money(b.minimumOrderCents)} applies.</p> : null}
        {b.excludedFiles.length > 0 ? <p className="small">Not priced (could not be read): {b.excludedFiles.join(', ')}.</p> : null}
        {b.warnings.map((w) => (
          <p key={w} className="small">
            {w}
          </p>
        ))}
      </details>
      {orderable && quote.status === 'accepted' ? (
        <p className="quote-actions">
          <Link to={`/quotes/${quote.id}/order`} className="button button-primary">
            Order and pay
          </Link>
        </p>
      ) : null}
      {quote.canAccept || quote.canDecline ? (
        <div className="quote-actions">
          <p className="small muted">Accepting the quote starts production.</p>
          <div className="button-row">
            {quote.canAccept ? (
              <Button busy={busy === 'accept'} busyLabel="Accepting…" onClick={onAccept}>
                Accept quote
              </Button>
            ) : null}
            {quote.canDecline ? <ConfirmButton variant="secondary" label="Decline" confirmLabel="Decline quote" question="Decline this quote?" busy={busy === 'decline'} onConfirm={onDecline} /> : null}
          </div>
        </div>
      ) : null}
    </article>
  );
}
