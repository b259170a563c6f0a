import { useQuery } from '@tanstack/react-query';
import { Loading, Page } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { ordersQuery, usePlaceOrder } from '../api/orders-api.js';
import { OrderForm } from '../components/order-form.js';

/** The customer orders an accepted quote: billing and delivery addresses (from their address book) and a note. */
export function PlaceOrderPage({ quoteId }: { quoteId: string }) {
  const orders = useQuery(ordersQuery());
  const place = usePlaceOrder();
  const existing = orders.data?.orders.find((o) => o.quoteId === quoteId);

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
  return (
    <Page title="Order your parts" intro="Where should the invoice go, and where do we ship? You pay on the next page.">
      <OrderForm loadError={loadError(orders)} place={(order) => place.mutateAsync({ quoteId, order })} />
    </Page>
  );
}
