/** Subscribe to a plan: the billing address and how to pay the first period. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { AddressFields, addressProblems, EMPTY_ADDRESS, toAddressInput, type AddressValues } from '../../../components/address-fields.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { useSubscribe, type Plan, type Provider } from '../api/subscriptions-api.js';
import { formatMoney, periodWords } from './subscription-format.js';

export function SubscribeForm({ plans, paymentOptions, onDone }: { plans: readonly Plan[]; paymentOptions: readonly Provider[]; onDone: (message: string) => void }) {
  const subscribe = useSubscribe();
  const form = useForm();
  const [planId, setPlanId] = useState(plans[0]?.id ?? '');
  const [address, setAddress] = useState<AddressValues>(EMPTY_ADDRESS);
  const [provider, setProvider] = useState<Provider>(paymentOptions.includes('stripe') ? 'stripe' : 'bank_transfer');

  const submit = form.handleSubmit(async () => {
    validate({ planId: !planId && 'Choose a plan.', ...addressProblems('billing', address) });
    const { redirectUrl } = await subscribe.mutateAsync({ planId, provider, billingAddress: toAddressInput(address) });
    if (redirectUrl) window.location.assign(redirectUrl);
    else onDone('Subscribed: pay by bank transfer with the reference shown, and it starts when the money arrives.');
  });

  return (
    <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Subscribe">
      <FormAlert message={form.error} />
      <SelectField label="Plan" name="planId" value={planId} onChange={(e) => setPlanId(e.target.value)} error={form.fieldErrors.planId}>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}: {formatMoney(p.priceCents, p.currency)} per {periodWords(p.period)}, before tax
          </option>
        ))}
      </SelectField>
      <AddressFields prefix="billing" values={address} onChange={setAddress} errors={form.fieldErrors} />
      <SelectField label="Pay by" name="provider" value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
        {paymentOptions.includes('stripe') ? <option value="stripe">Card (on our payment provider’s page, saved for renewals)</option> : null}
        <option value="bank_transfer">Bank transfer</option>
      </SelectField>
      <div className="button-row">
        <Button type="submit" busy={form.busy} busyLabel="Subscribing…">
          Subscribe
        </Button>
      </div>
      <p className="small muted">Cancel at any time: the period you paid for runs to its end, and nothing more is charged.</p>
    </form>
  );
}
