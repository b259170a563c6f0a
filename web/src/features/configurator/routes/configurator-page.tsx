import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { formatDate, formatMoney } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { configurationsQuery, productsQuery } from '../api/configurator-api.js';

const STATUS_LABELS = { draft: 'Draft', published: 'Offered', retired: 'Retired' } as const;

/** The catalogue of configurable products, and the configurations the person saved; staff also define products here. */
export function ConfiguratorPage() {
  const { state } = useAuth();
  const isStaff = state.status === 'signed-in' && (state.user.role === 'staff' || state.user.role === 'admin');
  const products = useQuery(productsQuery());
  const configurations = useQuery(configurationsQuery());
  return (
    <Page title="Configurator" intro="Choose a product, make it yours in 3D, and save, share or order it.">
      <FormAlert message={loadError(products) ?? loadError(configurations)} />
      <Section title="Products">
        {products.isPending ? <Loading label="Loading products…" /> : null}
        {products.data && products.data.products.length === 0 ? <p className="muted">No products are offered yet.</p> : null}
        <ul className="stack" aria-label="Products">
          {products.data?.products.map((p) => (
            <li key={p.id}>
              <Link to={`/configurator/${p.id}`}>{p.name}</Link>
              {isStaff ? (
                <>
                  {' '}
                  <span className="badge">{STATUS_LABELS[p.status]}</span> <Link to={`/configurator/${p.id}/edit`}>Edit</Link>
                </>
              ) : null}
              {p.description ? <p className="muted small">{p.description}</p> : null}
            </li>
          ))}
        </ul>
        {isStaff ? <Link to="/configurator/products/new">Define a product</Link> : null}
      </Section>
      <Section title="Your configurations">
        {configurations.data && configurations.data.configurations.length === 0 ? <p className="muted">You have not saved a configuration yet.</p> : null}
        <ul className="stack" aria-label="Your configurations">
          {configurations.data?.configurations.map((c) => (
            <li key={c.id}>
              <Link to={`/configurations/${c.id}`}>{c.name}</Link> <span className="muted small">
                {c.productName}, {formatMoney(c.priceCents, c.currency)}, saved {formatDate(c.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      </Section>
    </Page>
  );
}
