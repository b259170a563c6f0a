/**
 * What every order asks, whatever it comes from (a quote, a catalogue item): the billing address (from
 * the address book), a delivery address only while the policy declares shipping details, and a note.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { AddressFields, addressProblems, EMPTY_ADDRESS, toAddressInput, type AddressValues } from '../../../components/address-fields.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, TextAreaField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useFeatures } from '../../../lib/features.js';
import type { FieldErrors } from '../../../lib/api/api-error.js';
import { useForm, validate } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { addressesQuery, type PlaceOrderInput, type SavedAddress } from '../api/orders-api.js';

/** The category whose declaration lets an order have a delivery address; without it nothing is shipped. */
const SHIPPING_CATEGORY = 'order.shipping';

function fromSaved(a: SavedAddress): AddressValues {
  return { name: a.name, company: a.company ?? '', line1: a.line1, line2: a.line2 ?? '', postalCode: a.postalCode, city: a.city, region: a.region ?? '', country: a.country };
}

/** `place` sends the order and answers its id; `children` adds fields of the origin (such as a quantity) at the top, given the form's messages by field. */
export function OrderForm({ place, children, loadError }: { place: (order: PlaceOrderInput) => Promise<{ id: string }>; children?: (errors: FieldErrors) => ReactNode; loadError?: string | null }) {
  const addresses = useQuery(addressesQuery());
  const ships = useFeatures().isDeclared(SHIPPING_CATEGORY);
  const navigate = useNavigate();
  const form = useForm();
  const [billing, setBilling] = useState<AddressValues>(EMPTY_ADDRESS);
  const [shipping, setShipping] = useState<AddressValues>(EMPTY_ADDRESS);
  const [separate, setSeparate] = useState(false);
  const [notes, setNotes] = useState('');
  const [save, setSave] = useState(true);
  const shipElsewhere = ships && separate;

  // The newest saved address fills the form once; the customer changes what differs.
  const newest = addresses.data?.addresses[0];
  useEffect(() => {
    if (newest) setBilling((b) => (b === EMPTY_ADDRESS ? fromSaved(newest) : b));
  }, [newest]);

  const submit = form.handleSubmit(async () => {
    validate({ ...addressProblems('billing', billing), ...(shipElsewhere ? addressProblems('shipping', shipping) : {}) });
    const { id } = await place({ billingAddress: toAddressInput(billing), ...(shipElsewhere ? { shippingAddress: toAddressInput(shipping) } : {}), notes: notes || null, saveAddresses: save });
    navigate(`/orders/${id}`);
  });

  const errors = form.fieldErrors;
  return (
    <>
      <FormAlert message={form.error ?? loadError ?? null} />
      <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Order">
        {children?.(form.fieldErrors)}
        <Section title="Billing address">
          {addresses.data && addresses.data.addresses.length > 1 ? (
            <div className="field">
              <label className="field-label" htmlFor="saved-address">
                From your address book
              </label>
              <select
                id="saved-address"
                className="input"
                onChange={(e) => {
                  const found = addresses.data.addresses.find((a) => a.id === e.target.value);
                  if (found) setBilling(fromSaved(found));
                }}
              >
                {addresses.data.addresses.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}, {a.line1}, {a.city}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <AddressFields prefix="billing" values={billing} onChange={setBilling} errors={errors} />
        </Section>
        {ships ? (
          <Section title="Delivery">
            <CheckboxField name="shipElsewhere" label="Ship to a different address" checked={separate} onChange={(e) => setSeparate(e.target.checked)} />
            {separate ? <AddressFields prefix="shipping" values={shipping} onChange={setShipping} errors={errors} /> : <p className="muted small">We ship to the billing address.</p>}
          </Section>
        ) : null}
        <Section title="Anything else?">
          <TextAreaField label="Notes for our team" name="notes" rows={3} maxLength={2000} optional value={notes} onChange={(e) => setNotes(e.target.value)} error={errors.notes} hint="Delivery instructions, a purchase order number. Never a card number: you pay on the payment page." />
          <CheckboxField name="saveAddresses" label="Keep these addresses in my address book" checked={save} onChange={(e) => setSave(e.target.checked)} />
        </Section>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Placing the order…">
            Place order
          </Button>
        </div>
      </form>
    </>
  );
}
