/** Quotes of a project: ask for an instant one, accept or decline it, or (staff) adjust its price. */
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import type { Resource } from '../../../lib/use-resource.js';
import type { ProjectStatus } from '../api/projects-api.js';
import { acceptQuote, declineQuote, requestQuote, type Quote } from '../api/quotes-api.js';
import { formatMoney } from '../utils/format.js';
import { AdjustQuoteForm } from './adjust-quote-form.js';
import { QuoteCard } from './quote-card.js';

const QUOTABLE: readonly ProjectStatus[] = ['received', 'in_review', 'quoted'];

export function QuotesPanel({
  projectId,
  status,
  asCustomer,
  hasAnalysedFile,
  quotes,
  onChanged,
}: {
  projectId: string;
  status: ProjectStatus;
  asCustomer: boolean;
  hasAnalysedFile: boolean;
  quotes: Resource<Quote[]>;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState<{ id: string; action: 'accept' | 'decline' | 'request' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = quotes.data ?? [];
  const open = list.find((q) => q.status === 'offered');
  const current = open ?? list.find((q) => q.status === 'accepted');
  const earlier = list.filter((q) => q !== current);
  const canRequest = QUOTABLE.includes(status) && hasAnalysedFile;

  async function run(id: string, action: 'accept' | 'decline' | 'request', call: () => Promise<string>) {
    setBusy({ id, action });
    setError(null);
    setDone(null);
    try {
      setDone(await call());
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  const request = () =>
    void run('new', 'request', async () => {
      const quote = await requestQuote(projectId);
      return `Quote ready: ${formatMoney(quote.amountCents, quote.currency)}.`;
    });

  return (
    <Section title="Quote" description={asCustomer ? 'An instant price from your analysed models, the process and the material. Our staff may adjust it and tell you why.' : undefined}>
      <FormAlert message={error ?? (quotes.status === 'error' ? quotes.error : null)} />
      <StatusMessage>{done}</StatusMessage>
      {quotes.status === 'loading' && !quotes.data ? <Loading label="Loading quotes…" /> : null}
      {current ? (
        <QuoteCard
          quote={current}
          asCustomer={asCustomer}
          busy={busy?.id === current.id && busy.action !== 'request' ? busy.action : null}
          onAccept={() =>
            void run(current.id, 'accept', async () => {
              await acceptQuote(current.id);
              return 'Quote accepted. Your project is now in production.';
            })
          }
          onDecline={() =>
            void run(current.id, 'decline', async () => {
              await declineQuote(current.id);
              return 'Quote declined. Write to us below if you want a different offer.';
            })
          }
        />
      ) : quotes.data ? (
        <p className="muted">{hasAnalysedFile ? 'No quote yet.' : 'Upload a model and wait for its check: then you can get an instant quote.'}</p>
      ) : null}
      {open && !asCustomer ? <AdjustQuoteForm key={`${open.id}-${open.amountCents}`} quote={open} onAdjusted={(message) => { setDone(message); onChanged(); }} /> : null}
      {canRequest ? (
        <div className="form-actions quote-request">
          <Button variant={current ? 'secondary' : 'primary'} busy={busy?.action === 'request'} busyLabel="Pricing…" onClick={request}>
            {current ? 'Get a new instant quote' : 'Get an instant quote'}
          </Button>
          {current ? <span className="muted small">For example after adding or replacing files.</span> : null}
        </div>
      ) : null}
      {earlier.length > 0 ? (
        <details className="earlier-quotes">
          <summary>Earlier quotes ({earlier.length})</summary>
          <ul className="plain-list">
            {earlier.map((q) => (
              <li key={q.id}>
                <QuoteCard quote={q} asCustomer={false} busy={null} onAccept={() => undefined} onDecline={() => undefined} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
