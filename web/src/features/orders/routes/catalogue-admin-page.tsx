import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { DataTable } from '../../../components/data-table.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Page, Section } from '../../../components/page.js';
import { messageOf, useForm, validate } from '../../../lib/form.js';
import { catalogueQuery, useAddCatalogueItem, useSetCatalogueItemActive, type CatalogueItem } from '../api/catalogue-api.js';
import { formatMoney } from '../components/order-format.js';

const EMPTY = { name: '', description: '', price: '', currency: '' };

/** "49", "49.5" or "49,50" in cents; null for anything else. */
function toCents(price: string): number | null {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(price.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Staff keep the catalogue: add a fixed-price product or service, withdraw one, offer it again. */
export function CatalogueAdminPage() {
  const catalogue = useQuery(catalogueQuery());
  const add = useAddCatalogueItem();
  const form = useForm();
  const [values, setValues] = useState(EMPTY);
  const [added, setAdded] = useState<string | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = form.handleSubmit(async () => {
    setAdded(null);
    const unitCents = toCents(values.price);
    validate({ name: !values.name.trim() && 'Enter the name.', unitCents: unitCents === null && 'Enter a price such as 49.00.' });
    // The currency is checked by the server, which says by field what is wrong.
    const item = await add.mutateAsync({ name: values.name, description: values.description.trim() || null, unitCents: unitCents ?? 0, currency: values.currency });
    setValues(EMPTY);
    setAdded(`${item.name} is in the catalogue.`);
  });

  const errors = form.fieldErrors;
  return (
    <Page title="Catalogue" intro="Products and services customers order at a fixed price, with nothing to upload or quote.">
      <Section title="Add a product or service">
        <FormAlert message={form.error} />
        <StatusMessage>{added}</StatusMessage>
        <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Add a product or service">
          <TextField label="Name" name="name" maxLength={200} value={values.name} onChange={set('name')} error={errors.name} />
          <TextAreaField label="Description" name="description" rows={3} maxLength={2000} optional value={values.description} onChange={set('description')} error={errors.description} />
          <div className="form-grid">
            <TextField label="Price" name="unitCents" inputMode="decimal" value={values.price} onChange={set('price')} error={errors.unitCents} hint="Per unit, before tax, such as 49.00." />
            <TextField label="Currency" name="currency" maxLength={3} value={values.currency} onChange={set('currency')} error={errors.currency} hint="Three letters, such as EUR or GBP." />
          </div>
          <div className="form-actions">
            <Button type="submit" busy={form.busy} busyLabel="Adding…">
              Add to the catalogue
            </Button>
          </div>
        </form>
      </Section>
      <Section title="In the catalogue">
        <CatalogueTable query={{ data: catalogue.data?.items, isPending: catalogue.isPending, error: catalogue.error }} />
      </Section>
    </Page>
  );
}

function CatalogueTable({ query }: { query: { data: readonly CatalogueItem[] | undefined; isPending: boolean; error: unknown } }) {
  const setActive = useSetCatalogueItemActive();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function toggle(item: CatalogueItem) {
    setBusy(item.id);
    setError(null);
    try {
      await setActive.mutateAsync({ id: item.id, active: !item.active });
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <FormAlert message={error} />
      <DataTable
        query={query}
        caption="Catalogue"
        framed={false}
        loadingLabel="Loading the catalogue…"
        empty="Nothing yet."
        rowKey={(item) => item.id}
        columns={[
          {
            header: 'Product or service',
            rowHeader: true,
            cell: (item) => (
              <>
                {item.name}
                {item.description ? <div className="muted small">{item.description}</div> : null}
              </>
            ),
          },
          { header: 'Price', numeric: true, cell: (item) => formatMoney(item.unitCents, item.currency) },
          { header: 'Status', cell: (item) => <span className={`badge ${item.active ? 'badge-ok' : ''}`}>{item.active ? 'On offer' : 'Withdrawn'}</span> },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (item) => (
              <Button variant="secondary" className="button-small" busy={busy === item.id} busyLabel="Saving…" aria-label={`${item.active ? 'Withdraw' : 'Offer again'} ${item.name}`} onClick={() => void toggle(item)}>
                {item.active ? 'Withdraw' : 'Offer again'}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
