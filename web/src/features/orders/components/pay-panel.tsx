/** The customer pays: by bank transfer (instructions), or by card on the payment provider's own page. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { useCheckout, type OrderDetail } from '../api/orders-api.js';
import { formatMoney } from './order-format.js';

export function PayPanel({ detail }: { detail: OrderDetail }) {
  const { order, bankTransfer } = detail;
  const checkout = useCheckout(order.id);
  const [busy, setBusy] = useState<'bank_transfer' | 'stripe' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pay(provider: 'bank_transfer' | 'stripe') {
    setBusy(provider);
    setError(null);
    try {
      const { redirectUrl } = await checkout.mutateAsync(provider);
      // Card details are typed on the provider's page only; it sends the customer back here.
      if (redirectUrl) window.location.assign(redirectUrl);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  if (!order.canPay) return null;
  return (
    <Section title="Pay" description={`Total due: ${formatMoney(order.totalCents, order.currency)}.`}>
      <FormAlert message={error} />
      {bankTransfer ? (
        <div className="notice notice-info">
          <p className="notice-title">Bank transfer</p>
          <p>
            Transfer {formatMoney(bankTransfer.amountCents, bankTransfer.currency)} to {bankTransfer.payee} with the reference <strong>{bankTransfer.reference}</strong>. We mark the order paid when it arrives, and
            e-mail you the invoice.
          </p>
        </div>
      ) : null}
      <div className="button-row">
        {order.paymentOptions.includes('stripe') ? (
          <Button busy={busy === 'stripe'} busyLabel="Opening the payment page…" onClick={() => void pay('stripe')}>
            Pay by card
          </Button>
        ) : null}
        {!bankTransfer ? (
          <Button variant="secondary" busy={busy === 'bank_transfer'} busyLabel="Saving…" onClick={() => void pay('bank_transfer')}>
            Pay by bank transfer
          </Button>
        ) : null}
      </div>
      <p className="small muted">We never see or keep your card number: you type it on our payment provider’s page.</p>
    </Section>
  );
}
