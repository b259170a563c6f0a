import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, TextAreaField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { Link, useNavigate } from '../../../lib/router.js';
import { addressesQuery, ordersQuery, usePlaceOrder, type SavedAddress } from '../api/orders-api.js';
import { AddressFields, addressProblems, EMPTY_ADDRESS, toAddressInput, type AddressValues } from '../../../components/address-fields.js';

function fromSaved(a: SavedAddress): AddressValues {
  return { name: a.name, company: a.company ?? '', line1: a.line1, line2: a.line2 ?? '', postalCode: a.postalCode, city: a.city, region: a.region ?? '', country: a.country };
}

/** The customer orders an accepted quote: billing and delivery addresses (from their address book) and a note. */
export function PlaceOrderPage({ quoteId }: { quoteId: string }) {
  const orders = useQuery(ordersQuery());
  const addresses = useQuery(addressesQuery());
  const place = usePlaceOrder();
  const navigate = useNavigate();
  const form = useForm();
  const [billing, setBilling] = useState<AddressValues>(EMPTY_ADDRESS);
  const [shipping, setShipping] = useState<AddressValues>(EMPTY_ADDRESS);
  const [separate, setSeparate] = useState(false);
  const [notes, setNotes] = useState('');
  const [save, setSave] = useState(true);
  const existing = orders.data?.orders.find((o) => o.quoteId === quoteId);

  // The newest saved address fills the form once; the customer changes what differs.
  const newest = addresses.data?.addresses[0];
  useEffect(() => {
    if (newest) setBilling((b) => (b === EMPTY_ADDRESS ? fromSaved(newest) : b));
  }, [newest]);

  const submit = form.handleSubmit(async () => {
    validate({ ...addressProblems('billing', billing), ...(separate ? addressProblems('shipping', shipping) : {}) });
    const { id } = await place.mutateAsync({
      quoteId,
      order: { billingAddress: toAddressInput(billing), ...(separate ? { shippingAddress: toAddressInput(shipping) } : {}), notes: notes || null, saveAddresses: save },
    });
    navigate(`/orders/${id}`);
  });

  if (orders.isPending) return <Loading label="Loading…" />;
  if (existing) {
    return (
      <Page title="Order">
        <p>
          This quote is already ordered: <Link to={`/orders/${existing.id}`}>order {existing.number}</Link>.
        </p>
      </Page>
    );
  }
  const errors = form.fieldErrors;
  return (
    <Page title="Order your parts" intro="Where should the invoice go, and where do we ship? You pay on the next page.">
      <FormAlert message={form.error ?? loadError(orders)} />
      <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Order">
        <Section title="Billing address">
          {addresses.data && addresses.data.addresses.length > 1 ? (
            <div className="field">
              <label className="field-label" htmlFor="saved-address">
                From your address book
              </label>
              <select id="saved-address" className="input" onChange={(e) => {
                const found = addresses.data.addresses.find((a) => a.id === e.target.value);
                if (found) setBilling(fromSaved(found));
              }}>
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
        <Section title="Delivery">
          <CheckboxField name="shipElsewhere" label="Ship to a different address" checked={separate} onChange={(e) => setSeparate(e.target.checked)} />
          {separate ? <AddressFields prefix="shipping" values={shipping} onChange={setShipping} errors={errors} /> : <p className="muted small">We ship to the billing address.</p>}
        </Section>
        <Section title="Anything else?">
          <TextAreaField label="Notes for our team" name="notes" rows={3} maxLength={2000} optional value={notes} onChange={(e) => setNotes(e.target.value)} error={form.fieldErrors.notes} hint="Delivery instructions, a purchase order number. Never a card number: you pay on the payment page." />
          <CheckboxField name="saveAddresses" label="Keep these addresses in my address book" checked={save} onChange={(e) => setSave(e.target.checked)} />
        </Section>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Placing the order…">
            Place order
          </Button>
        </div>
      </form>
    </Page>
  );
}
