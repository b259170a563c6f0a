import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/button.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { draftOf, emptyDraft } from '../product-form/draft.js';
import { ProductForm } from '../product-form/product-form.js';
import { productQuery, useDefineProduct, useProductStatus, useUpdateProduct, type Product, type ProductInput } from '../api/configurator-api.js';

/** Staff define a product in a form (product-form/), then publish, retire or withdraw it. */
export function ProductEditorPage({ id }: { id?: string }) {
  const product = useQuery({ ...productQuery(id ?? ''), enabled: id !== undefined });
  if (id && product.isPending) return <Loading label="Loading the product…" />;
  return <Editor key={product.data?.id ?? 'new'} product={product.data} />;
}

function Editor({ product }: { product: Product | undefined }) {
  const [status, setStatus] = useState<string | null>(null);
  const define = useDefineProduct();
  const update = useUpdateProduct(product?.id ?? '');
  const changeStatus = useProductStatus(product?.id ?? '');
  const navigate = useNavigate();
  const save = async (input: ProductInput) => {
    setStatus(null);
    if (product) {
      await update.mutateAsync(input);
      setStatus('Product saved.');
    } else {
      const created = await define.mutateAsync(input);
      navigate(`/configurator/${created.id}/edit`);
    }
  };
  return (
    <Page title={product ? `Edit ${product.name}` : 'Define a product'} width="wide">
      <ProductForm initial={product ? draftOf(product) : emptyDraft()} submitLabel={product ? 'Save product' : 'Create draft'} status={status} onSave={save} />
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
