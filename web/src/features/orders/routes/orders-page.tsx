import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { billingQuery, ordersQuery } from '../api/orders-api.js';
import { InvoiceList } from '../components/invoice-list.js';
import { formatMoney, ORDER_STATUS_LABELS, ORDER_STATUS_TONES } from '../components/order-format.js';

/** A customer's orders and billing history (invoices, credit notes); the staff's orders of their projects. */
export function OrdersPage() {
  const { state } = useAuth();
  const isCustomer = state.status === 'signed-in' && state.user.role === 'customer';
  const orders = useQuery(ordersQuery());
  const billing = useQuery({ ...billingQuery(), enabled: isCustomer });
  return (
    <Page title="Orders" intro={isCustomer ? 'Your orders, their payments and your invoices.' : 'Orders of the projects you work on.'}>
      <FormAlert message={loadError(orders)} />
      <Section title={isCustomer ? 'Your orders' : 'Orders'}>
        {orders.isPending ? <Loading label="Loading orders…" /> : null}
        {orders.data && orders.data.orders.length === 0 ? <p className="muted">{isCustomer ? 'No orders yet. Order an accepted quote from its project, or a product or service from the shop.' : 'No orders yet.'}</p> : null}
        {orders.data && orders.data.orders.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Orders</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">Total</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.orders.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/orders/${o.id}`}>{o.number}</Link>
                    </th>
                    <td>{formatDate(o.createdAt)}</td>
                    <td>
                      <span className={`badge ${ORDER_STATUS_TONES[o.status]}`}>{ORDER_STATUS_LABELS[o.status]}</span>
                    </td>
                    <td className="numeric">{formatMoney(o.totalCents, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      {isCustomer ? (
        <Section title="Billing history" description="Every invoice and credit note we issued you, as the PDF we sent.">
          {billing.data ? <InvoiceList invoices={billing.data.invoices} /> : <Loading label="Loading invoices…" />}
        </Section>
      ) : null}
    </Page>
  );
}
