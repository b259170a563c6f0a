import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { messageOf, useForm, validate } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { productQuery, useDefineProduct, useProductStatus, useUpdateProduct, type Product, type ProductInput } from '../api/configurator-api.js';

const EXAMPLE = {
  attributes: [
    { key: 'material', label: 'Material', kind: 'material', options: [{ key: 'pla', label: 'Plastic', priceCents: 0, metalness: 0.05 }, { key: 'steel', label: 'Steel', priceCents: 1500, metalness: 1 }] },
    { key: 'colour', label: 'Colour', kind: 'colour', options: [{ key: 'blue', label: 'Blue', priceCents: 0, colour: '#2f6fb0' }] },
    { key: 'engraving', label: 'Engraving', kind: 'engraving', maxLength: 12 },
  ],
  rules: [{ key: 'engraving_metal', message: 'Engraving is only possible on steel.', logic: { or: [{ '!': { var: 'engraving' } }, { '==': [{ var: 'material' }, 'steel'] }] } }],
  price: { '+': [2000, { var: 'optionsCents' }, { '*': [50, { var: 'engravingLength' }] }] },
};

/**
 * Staff define a product: its model (a vault file id, from the file's page), and its attributes, rules
 * and price formula as JSON (JsonLogic for rules and price). The server checks all of it and says what is wrong.
 */
export function ProductEditorPage({ id }: { id?: string }) {
  const product = useQuery({ ...productQuery(id ?? ''), enabled: id !== undefined });
  if (id && product.isPending) return <Loading label="Loading the product…" />;
  return <Editor key={product.data?.id ?? 'new'} product={product.data} />;
}

function Editor({ product }: { product: Product | undefined }) {
  const [name, setName] = useState(product?.name ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [modelFileId, setModelFileId] = useState(product?.modelFileId ?? '');
  const [definition, setDefinition] = useState(JSON.stringify(product ? { attributes: product.attributes, rules: product.rules, price: product.price } : EXAMPLE, null, 2));
  const [status, setStatus] = useState<string | null>(null);
  const define = useDefineProduct();
  const update = useUpdateProduct(product?.id ?? '');
  const changeStatus = useProductStatus(product?.id ?? '');
  const form = useForm();
  const navigate = useNavigate();
  const submit = form.handleSubmit(async () => {
    let parsed: Pick<ProductInput, 'attributes' | 'rules' | 'price'> | null = null;
    try {
      parsed = JSON.parse(definition) as typeof parsed;
    } catch {
      parsed = null;
    }
    validate({ name: name.trim() ? null : 'Name the product.', modelFileId: modelFileId.trim() ? null : 'Give the id of the model file.', definition: parsed ? null : 'This is not valid JSON.' });
    const input = { name: name.trim(), description: description.trim() || null, modelFileId: modelFileId.trim(), ...parsed! } as ProductInput;
    if (product) {
      await update.mutateAsync(input);
      setStatus('Product saved.');
    } else {
      const created = await define.mutateAsync(input);
      navigate(`/configurator/${created.id}/edit`);
    }
  });
  return (
    <Page title={product ? `Edit ${product.name}` : 'Define a product'} width="wide">
      <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Product">
        <FormAlert message={form.error} />
        {status ? <StatusMessage>{status}</StatusMessage> : null}
        <TextField label="Name" name="name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={form.fieldErrors.name} />
        <TextAreaField label="Description" name="description" rows={2} optional maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <TextField label="Model file id" name="modelFileId" value={modelFileId} onChange={(e) => setModelFileId(e.target.value)} error={form.fieldErrors.modelFileId} hint="An analysed model file of a project you work on." />
        <TextAreaField
          label="Attributes, rules and price (JSON)"
          name="definition"
          rows={24}
          className="input code"
          value={definition}
          onChange={(e) => setDefinition(e.target.value)}
          error={form.fieldErrors.definition}
          hint="Rules and the price are JsonLogic; they read each attribute by its key and optionsCents, engravingLength and scale."
        />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Saving…">
            {product ? 'Save product' : 'Create draft'}
          </Button>
        </div>
      </form>
      {product ? (
        <Section title="Offer" description={`This product is ${product.status}.`}>
          <div className="button-row">
            {(['published', 'retired', 'draft'] as const)
              .filter((s) => s !== product.status)
              .map((s) => (
                <Button key={s} variant="secondary" onClick={() => changeStatus.mutateAsync(s).then(() => setStatus(`Product is now ${s}.`), (e: unknown) => setStatus(messageOf(e)))}>
                  {s === 'published' ? 'Publish' : s === 'retired' ? 'Retire' : 'Back to draft'}
                </Button>
              ))}
          </div>
        </Section>
      ) : null}
    </Page>
  );
}
