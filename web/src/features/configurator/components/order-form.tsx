/** Orders a saved configuration: how many, the addresses and a note; the orders module takes it from there. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { AddressFields, addressProblems, EMPTY_ADDRESS, toAddressInput, type AddressValues } from '../../../components/address-fields.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { useOrderConfiguration } from '../api/configurator-api.js';

export function OrderForm({ configurationId, disabled }: { configurationId: string; disabled: boolean }) {
  const order = useOrderConfiguration(configurationId);
  const form = useForm();
  const navigate = useNavigate();
  const [billing, setBilling] = useState<AddressValues>(EMPTY_ADDRESS);
  const [quantity, setQuantity] = useState('1');
  const [notes, setNotes] = useState('');
  const submit = form.handleSubmit(async () => {
    const count = Number(quantity);
    validate({ ...addressProblems('billing', billing), quantity: Number.isInteger(count) && count >= 1 && count <= 1000 ? null : 'Order between 1 and 1000.' });
    const { orderId } = await order.mutateAsync({ quantity: count, billingAddress: toAddressInput(billing), notes: notes || null, saveAddresses: true });
    navigate(`/orders/${orderId}`);
  });
  return (
    <Section title="Order" description="We check your choices and price again, add the taxes, and you pay on the next page.">
      <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Order this configuration">
        <FormAlert message={form.error} />
        <TextField label="Quantity" name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} error={form.fieldErrors.quantity} />
        <AddressFields prefix="billing" values={billing} onChange={setBilling} errors={form.fieldErrors} />
        <TextAreaField label="Notes for our team" name="notes" rows={2} maxLength={2000} optional value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Placing the order…" disabled={disabled}>
            Place order
          </Button>
        </div>
      </form>
    </Section>
  );
}
