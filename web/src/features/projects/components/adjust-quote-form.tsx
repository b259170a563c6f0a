/** Staff change the open quote's price; the customer reads the reason. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { useAdjustQuote, type Quote } from '../api/quotes-api.js';
import { formatMoney, parseMoneyToCents } from '../utils/format.js';

export function AdjustQuoteForm({ projectId, quote, onAdjusted }: { projectId: string; quote: Quote; onAdjusted: (message: string) => void }) {
  const adjustQuote = useAdjustQuote(projectId);
  const form = useForm();
  const [values, setValues] = useState({ amount: (quote.amountCents / 100).toFixed(2), reason: '' });

  const submit = form.handleSubmit(async () => {
    const cents = parseMoneyToCents(values.amount);
    validate({
      amount: cents === null && `Enter an amount in ${quote.currency}, such as 125.50.`,
      reason: values.reason.trim().length < 3 && 'Say why the price changed: the customer reads it.',
    });
    if (cents === null) return;
    await adjustQuote.mutateAsync({ id: quote.id, amountCents: cents, reason: values.reason.trim() });
    setValues((v) => ({ ...v, reason: '' }));
    onAdjusted(`The quote is now ${formatMoney(cents, quote.currency)}; the customer has been told.`);
  });

  return (
    <form ref={form.ref} className="form adjust-form" onSubmit={submit} noValidate aria-label="Adjust the quote">
      <h3>Adjust the price</h3>
      <FormAlert message={form.error} />
      <TextField
        label={`New price (${quote.currency})`}
        name="amount"
        inputMode="decimal"
        value={values.amount}
        onChange={(e) => setValues((v) => ({ ...v, amount: e.target.value }))}
        error={form.fieldErrors.amount ?? form.fieldErrors.amountCents}
        hint={`The instant price was ${formatMoney(quote.computedCents, quote.currency)}.`}
        className="field-narrow"
      />
      <TextAreaField label="Reason" name="reason" rows={2} maxLength={2000} value={values.reason} onChange={(e) => setValues((v) => ({ ...v, reason: e.target.value }))} error={form.fieldErrors.reason} hint="Shown to the customer with the new price." />
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Saving…">
          Save new price
        </Button>
      </div>
    </form>
  );
}
