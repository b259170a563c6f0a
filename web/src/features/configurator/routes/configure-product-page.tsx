import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { useNavigate } from '../../../lib/router.js';
import { defaultSelections } from '../../../../../packages/configurator-rules/src/index.js';
import { productQuery, useSaveConfiguration, type Product, type Selections } from '../api/configurator-api.js';
import { Choices } from '../components/choices.js';
import { definitionOf, PriceBox, useEvaluation } from '../components/price-box.js';
import { Workbench } from '../components/workbench.js';

/** A customer configures a product and saves it under a name. */
export function ConfigureProductPage({ id }: { id: string }) {
  const product = useQuery(productQuery(id));
  if (product.isPending) return <Loading label="Loading the product…" />;
  if (!product.data) return <FormAlert message={loadError(product)} />;
  return <Configure product={product.data} />;
}

function Configure({ product }: { product: Product }) {
  const [selections, setSelections] = useState<Selections>(() => defaultSelections(definitionOf(product)));
  const [name, setName] = useState(product.name);
  const evaluation = useEvaluation(product, selections);
  const save = useSaveConfiguration();
  const form = useForm();
  const navigate = useNavigate();
  const submit = form.handleSubmit(async () => {
    validate({ name: name.trim() ? null : 'Give it a name.' });
    const saved = await save.mutateAsync({ productId: product.id, name: name.trim(), selections });
    navigate(`/configurations/${saved.id}`);
  });
  return (
    <Page title={product.name} intro={product.description ?? undefined} width="wide">
      <Workbench product={product} selections={selections} source={{ kind: 'product', productId: product.id }}>
        <Section title="Your choices">
          <Choices product={product} selections={selections} onChange={setSelections} />
        </Section>
        <PriceBox product={product} selections={selections} />
        <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Save the configuration">
          <FormAlert message={form.error} />
          <TextField label="Name of this configuration" name="name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={form.fieldErrors.name} />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} busyLabel="Saving…" disabled={evaluation.problems.length > 0}>
              Save configuration
            </Button>
          </div>
        </form>
      </Workbench>
    </Page>
  );
}
