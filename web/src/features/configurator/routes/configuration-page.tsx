import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useFeatures } from '../../../lib/features.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { configurationQuery, productQuery, useUpdateConfiguration, type Configuration, type Product, type Selections } from '../api/configurator-api.js';
import { Choices } from '../components/choices.js';
import { OrderForm } from '../components/order-form.js';
import { PriceBox, useEvaluation } from '../components/price-box.js';
import { SharePanel } from '../components/share-panel.js';
import { Workbench } from '../components/workbench.js';

/** One's saved configuration: change it, share it, order it. */
export function ConfigurationPage({ id }: { id: string }) {
  const configuration = useQuery(configurationQuery(id));
  const product = useQuery({ ...productQuery(configuration.data?.productId ?? ''), enabled: configuration.data !== undefined });
  if (configuration.isPending || (configuration.data && product.isPending)) return <Loading label="Loading the configuration…" />;
  if (!configuration.data || !product.data) return <FormAlert message={loadError(configuration) ?? loadError(product)} />;
  return <Edit configuration={configuration.data} product={product.data} />;
}

function Edit({ configuration, product }: { configuration: Configuration; product: Product }) {
  const [selections, setSelections] = useState<Selections>(configuration.selections);
  const [name, setName] = useState(configuration.name);
  const [saved, setSaved] = useState(false);
  const evaluation = useEvaluation(product, selections);
  const update = useUpdateConfiguration(configuration.id);
  const features = useFeatures();
  const ordersOn = features.loaded && features.isOn('orders');
  const form = useForm();
  const unchanged = JSON.stringify(selections) === JSON.stringify(configuration.selections) && name === configuration.name;
  const submit = form.handleSubmit(async () => {
    validate({ name: name.trim() ? null : 'Give it a name.' });
    await update.mutateAsync({ name: name.trim(), selections });
    setSaved(true);
  });
  return (
    <Page title={configuration.name} intro={`Your configuration of ${product.name}.`} width="wide">
      <Workbench product={product} selections={selections} source={{ kind: 'product', productId: product.id }}>
        <Section title="Your choices">
          <Choices
            product={product}
            selections={selections}
            onChange={(next) => {
              setSaved(false);
              setSelections(next);
            }}
          />
        </Section>
        <PriceBox product={product} selections={selections} />
        <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Save changes">
          <FormAlert message={form.error} />
          {saved ? <StatusMessage>Configuration saved.</StatusMessage> : null}
          <TextField label="Name of this configuration" name="name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={form.fieldErrors.name} />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} busyLabel="Saving…" disabled={evaluation.problems.length > 0 || unchanged}>
              Save changes
            </Button>
          </div>
        </form>
      </Workbench>
      <SharePanel configurationId={configuration.id} />
      {ordersOn ? <OrderForm configurationId={configuration.id} disabled={!unchanged || evaluation.problems.length > 0} /> : null}
    </Page>
  );
}
