/** An admin offers a plan: code, name, period (ISO 8601), net price and currency. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { useCreatePlan } from '../api/admin-subscriptions-api.js';

export function PlanForm({ onDone }: { onDone: (message: string) => void }) {
  const create = useCreatePlan();
  const form = useForm();
  const [v, setV] = useState({ code: '', name: '', period: 'P1M', price: '', currency: 'EUR' });
  const field = (key: keyof typeof v, label: string, hint?: string) => (
    <TextField label={label} name={key} value={v[key]} hint={hint} error={form.fieldErrors[key === 'price' ? 'priceCents' : key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />
  );
  const submit = form.handleSubmit(async () => {
    const cents = Math.round(Number(v.price.replace(',', '.')) * 100);
    validate({ code: !v.code.trim() && 'Enter a code.', name: !v.name.trim() && 'Enter a name.', priceCents: !(cents > 0) && 'Enter a price above zero.' });
    const plan = await create.mutateAsync({ code: v.code.trim(), name: v.name.trim(), period: v.period.trim(), priceCents: cents, currency: v.currency.trim() });
    onDone(`Plan ${plan.name} is on offer.`);
    setV({ code: '', name: '', period: 'P1M', price: '', currency: v.currency });
  });
  return (
    <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="New plan">
      <FormAlert message={form.error} />
      <div className="form-grid">
        {field('code', 'Code', 'Lower-case letters, digits and dashes, such as pro-monthly.')}
        {field('name', 'Name')}
        {field('period', 'Period', 'ISO 8601: P1M is a month, P1Y a year.')}
        {field('price', 'Price before tax', 'Per period, such as 25.00.')}
        {field('currency', 'Currency', 'Three letters, such as EUR.')}
      </div>
      <div className="button-row">
        <Button type="submit" busy={form.busy} busyLabel="Saving…">
          Offer plan
        </Button>
      </div>
      <p className="small muted">A plan that grants a software licence names its licence policy: create it with the API (see the operator guide).</p>
    </form>
  );
}
