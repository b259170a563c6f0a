/** Quotes of a project: ask for an instant one, accept or decline it, or (staff) adjust its price, as the server allows. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { quotesQuery, useDecideQuote, useRequestQuote } from '../api/quotes-api.js';
import { formatMoney } from '../utils/format.js';
import { AdjustQuoteForm } from './adjust-quote-form.js';
import { QuoteCard } from './quote-card.js';
import { useFeatures } from '../../../lib/features.js';

export function QuotesPanel({ projectId, asCustomer }: { projectId: string; asCustomer: boolean }) {
  const features = useFeatures();
  const quotes = useQuery(quotesQuery(projectId));
  const requestQuote = useRequestQuote(projectId);
  const decideQuote = useDecideQuote(projectId);
  const [busy, setBusy] = useState<{ id: string; action: 'accept' | 'decline' | 'request' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = quotes.data?.quotes ?? [];
  const open = list.find((q) => q.status === 'offered');
  const current = open ?? list.find((q) => q.status === 'accepted');
  const earlier = list.filter((q) => q !== current);

  async function run(id: string, action: 'accept' | 'decline' | 'request', call: () => Promise<string>) {
    setBusy({ id, action });
    setError(null);
    setDone(null);
    try {
      setDone(await call());
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  const request = () =>
    void run('new', 'request', async () => {
      const quote = await requestQuote.mutateAsync(undefined);
      return `Quote ready: ${formatMoney(quote.amountCents, quote.currency)}.`;
    });

  return (
    <Section title="Quote" description={asCustomer ? 'An instant price from your analysed models, the process and the material. Our staff may adjust it and tell you why.' : undefined}>
      <FormAlert message={error ?? loadError(quotes)} />
      <StatusMessage>{done}</StatusMessage>
      {quotes.isPending ? <Loading label="Loading quotes…" /> : null}
      {current ? (
        <QuoteCard
          quote={current}
          orderable={asCustomer && features.isOn('orders')}
          busy={busy?.id === current.id && busy.action !== 'request' ? busy.action : null}
          onAccept={() =>
            void run(current.id, 'accept', async () => {
              await decideQuote.mutateAsync({ id: current.id, decision: 'accept' });
              return 'Quote accepted. Your project is now in production.';
            })
          }
          onDecline={() =>
            void run(current.id, 'decline', async () => {
              await decideQuote.mutateAsync({ id: current.id, decision: 'decline' });
              return 'Quote declined. Write to us below if you want a different offer.';
            })
          }
        />
      ) : quotes.data ? (
        <p className="muted">{quotes.data.canRequest ? 'No quote yet.' : 'Upload a model and wait for its check: then you can get an instant quote.'}</p>
      ) : null}
      {open?.canAdjust ? <AdjustQuoteForm key={`${open.id}-${open.amountCents}`} projectId={projectId} quote={open} onAdjusted={setDone} /> : null}
      {quotes.data?.canRequest ? (
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
                <QuoteCard quote={q} busy={null} onAccept={() => undefined} onDecline={() => undefined} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
