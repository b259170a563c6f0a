/** One subscription: its state and period, what is due and how to pay it, cancelling, and its invoices. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { useCancelSubscription, usePayDue, useResumeSubscription, type Provider, type Subscription } from '../api/subscriptions-api.js';
import { formatMoney, periodWords, STATUS_LABELS, STATUS_TONES } from './subscription-format.js';

export function SubscriptionCard({ sub, paymentOptions, onDone }: { sub: Subscription; paymentOptions: readonly Provider[]; onDone: (message: string) => void }) {
  const cancel = useCancelSubscription();
  const resume = useResumeSubscription();
  const pay = usePayDue();
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await action();
      onDone(done);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  const payBy = (provider: Provider) =>
    run(async () => {
      const { redirectUrl } = await pay.mutateAsync({ id: sub.id, provider });
      // The card is typed on the provider's page only; it sends the customer back here.
      if (redirectUrl) window.location.assign(redirectUrl);
    }, provider === 'bank_transfer' ? 'Pay by bank transfer with the reference shown.' : 'Opening the payment page…');
  const running = sub.status === 'active' || sub.status === 'past_due' || sub.status === 'incomplete';
  const invoices = sub.charges.filter((c) => c.invoiceId);

  return (
    <article className="card stack" aria-label={`Subscription ${sub.number}`}>
      <header className="card-header">
        <h2 className="card-title">
          {sub.plan.name} <span className="muted small">{sub.number}</span>
        </h2>
        <span className={`badge ${STATUS_TONES[sub.status]}`}>{STATUS_LABELS[sub.status]}</span>
      </header>
      <FormAlert message={error} />
      <p>
        {formatMoney(sub.plan.priceCents, sub.plan.currency)} (before tax) per {periodWords(sub.plan.period)}.{' '}
        {sub.status === 'active' && sub.currentPeriodEnd
          ? sub.cancelAtPeriodEnd
            ? `Cancelled: it ends on ${formatDate(sub.currentPeriodEnd)} and nothing more is charged.`
            : `Paid until ${formatDate(sub.currentPeriodEnd)}; it renews then${sub.cardSaved ? ' with your saved card' : ''}.`
          : null}
        {sub.status === 'past_due' && sub.expiresAt ? `The renewal is unpaid, so it is on hold. Pay by ${formatDate(sub.expiresAt)} to keep it.` : null}
        {sub.endedAt && !running ? `Ended on ${formatDate(sub.endedAt)}.` : null}
      </p>
      {sub.amountDue && running ? (
        <div className="notice notice-info">
          <p className="notice-title">Due: {formatMoney(sub.amountDue.amountCents, sub.amountDue.currency)}</p>
          {sub.amountDue.provider === 'bank_transfer' ? (
            <p>
              Transfer it with the reference <strong>{sub.amountDue.bankReference}</strong>. We e-mail you the invoice when it arrives.
            </p>
          ) : null}
          <div className="button-row">
            {paymentOptions.includes('stripe') ? (
              <Button busy={pay.isPending} busyLabel="Opening the payment page…" onClick={() => void payBy('stripe')}>
                Pay by card
              </Button>
            ) : null}
            {sub.amountDue.provider !== 'bank_transfer' ? (
              <Button variant="secondary" onClick={() => void payBy('bank_transfer')}>
                Pay by bank transfer
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="button-row">
        {sub.status === 'active' && !sub.cancelAtPeriodEnd ? (
          <ConfirmButton
            label="Cancel subscription"
            confirmLabel="Cancel at the period end"
            question={`It runs until ${formatDate(sub.currentPeriodEnd)} and then ends. Cancel?`}
            busy={cancel.isPending}
            onConfirm={() => void run(() => cancel.mutateAsync(sub.id), `${sub.plan.name} will end on ${formatDate(sub.currentPeriodEnd)}.`)}
          />
        ) : null}
        {sub.status === 'active' && sub.cancelAtPeriodEnd ? (
          <Button variant="secondary" busy={resume.isPending} onClick={() => void run(() => resume.mutateAsync(sub.id), `${sub.plan.name} renews again.`)}>
            Keep subscription
          </Button>
        ) : null}
        {sub.status === 'incomplete' || sub.status === 'past_due' ? (
          <ConfirmButton label="Cancel subscription" confirmLabel="Cancel now" question="Nothing more is owed, and it ends now. Cancel?" busy={cancel.isPending} onConfirm={() => void run(() => cancel.mutateAsync(sub.id), `${sub.plan.name} was cancelled.`)} />
        ) : null}
      </div>
      {invoices.length > 0 ? (
        <ul className="plain-list" aria-label={`Invoices of ${sub.number}`}>
          {invoices.map((c) => (
            <li key={c.id}>
              <a href={`/api/invoices/${c.invoiceId}/pdf`}>Invoice for period {c.period}</a> <span className="muted small">{formatMoney(c.amountCents, c.currency)} · {formatDate(c.settledAt)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
