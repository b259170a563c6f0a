import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { catalogueQuery } from '../api/catalogue-api.js';
import { formatMoney } from '../components/order-format.js';

/** The customer's shop: the catalogue's products and services on offer, each ordered at its fixed price. */
export function ShopPage() {
  const catalogue = useQuery(catalogueQuery());
  const items = catalogue.data?.items ?? [];
  return (
    <Page title="Shop" intro="Products and services at a fixed price: order one and pay on the next page. Prices are before tax.">
      <FormAlert message={loadError(catalogue)} />
      {catalogue.isPending ? <Loading label="Loading the catalogue…" /> : null}
      {catalogue.data && items.length === 0 ? <p className="muted">Nothing on offer at the moment.</p> : null}
      {items.length > 0 ? (
        <ul className="plain-list stack" aria-label="Catalogue">
          {items.map((item) => (
            <li key={item.id} className="card stack" aria-label={item.name}>
              <h2>{item.name}</h2>
              {item.description ? <p className="pre-line">{item.description}</p> : null}
              <p>
                <strong>{formatMoney(item.unitCents, item.currency)}</strong>
              </p>
              <p>
                <Link to={`/shop/${item.id}/order`} className="button button-primary" aria-label={`Order ${item.name}`}>
                  Order
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
