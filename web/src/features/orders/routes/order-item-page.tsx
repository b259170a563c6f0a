import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useFeatures } from '../../../lib/features.js';
import { validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { catalogueQuery, useOrderCatalogueItem } from '../api/catalogue-api.js';
import { OrderForm } from '../components/order-form.js';
import { formatMoney } from '../components/order-format.js';

const MAX_QUANTITY = 10_000;

/** The customer orders a catalogue item: how many, then the same addresses and note as every order. */
export function OrderItemPage({ id }: { id: string }) {
  const catalogue = useQuery(catalogueQuery());
  const order = useOrderCatalogueItem();
  const ships = useFeatures().isDeclared('order.shipping');
  const [quantity, setQuantity] = useState('1');
  const item = catalogue.data?.items.find((i) => i.id === id);

  if (catalogue.isPending) return <Loading label="Loading…" />;
  if (!item) {
    return (
      <Page title="Order">
        <p>
          This product or service is not on offer. <Link to="/shop">Back to the shop</Link>.
        </p>
      </Page>
    );
  }
  const count = Number(quantity);
  const valid = Number.isInteger(count) && count >= 1 && count <= MAX_QUANTITY;
  return (
    <Page title={`Order ${item.name}`} intro={ships ? 'Where should the invoice go, and where do we ship? You pay on the next page.' : 'Where should the invoice go? You pay on the next page.'}>
      <OrderForm
        loadError={loadError(catalogue)}
        place={async (details) => {
          validate({ quantity: !valid && `Enter a whole number from 1 to ${MAX_QUANTITY}.` });
          return order.mutateAsync({ id, order: { ...details, quantity: count } });
        }}
      >
        {(errors) => (
        <Section title={item.name} description={`${formatMoney(item.unitCents, item.currency)} each, before tax.`}>
          {item.description ? <p className="pre-line">{item.description}</p> : null}
          <TextField label="Quantity" name="quantity" type="number" inputMode="numeric" min={1} max={MAX_QUANTITY} value={quantity} onChange={(e) => setQuantity(e.target.value)} hint={valid ? `${formatMoney(count * item.unitCents, item.currency)} before tax.` : undefined} error={errors.quantity} />
        </Section>
        )}
      </OrderForm>
    </Page>
  );
}
