import { useQuery } from '@tanstack/react-query';
import { Notice, FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { orderQuery, type OrderDetail } from '../api/orders-api.js';
import { InvoiceList } from '../components/invoice-list.js';
import { addressLines, formatMoney, ORDER_STATUS_LABELS, ORDER_STATUS_TONES } from '../components/order-format.js';
import { PayPanel } from '../components/pay-panel.js';
import { StaffControls } from '../components/staff-controls.js';

/** One order: what, how much, where to; paying for it (customer) or moving it along (staff); its invoices. */
export function OrderPage({ id }: { id: string }) {
  const detail = useQuery(orderQuery(id));
  const payment = useSearchParam('payment');
  if (detail.isPending) return <Loading label="Loading the order…" />;
  if (!detail.data) {
    return (
      <Page title="Order">
        <FormAlert message={loadError(detail)} />
      </Page>
    );
  }
  const { order } = detail.data;
  return (
    <Page title={`Order ${order.number}`} intro={<span className={`badge badge-large ${ORDER_STATUS_TONES[order.status]}`}>{ORDER_STATUS_LABELS[order.status]}</span>}>
      <p className="breadcrumb">
        <Link to="/orders">All orders</Link>
        {order.projectId ? (
          <>
            {' · '}
            <Link to={`/projects/${order.projectId}`}>Project</Link>
          </>
        ) : null}
        {order.configurationId && order.viewerRole === 'customer' ? (
          <>
            {' · '}
            <Link to={`/configurations/${order.configurationId}`}>Configuration</Link>
          </>
        ) : null}
      </p>
      {payment === 'done' && order.status === 'pending_payment' ? <Notice title="Thank you">We are waiting for the payment provider to confirm your payment; this page shows it as paid once it does.</Notice> : null}
      {payment === 'cancelled' ? <Notice tone="warning">The payment was not completed. You can try again below.</Notice> : null}
      <PayPanel detail={detail.data} />
      {order.viewerRole !== 'customer' ? <StaffControls order={order} /> : null}
      <Summary detail={detail.data} />
      <Section title="Invoices">
        <InvoiceList invoices={detail.data.invoices} />
      </Section>
      <Section title="Timeline">
        <ol className="timeline">
          {detail.data.events.map((e) => (
            <li key={`${e.to}-${e.at}`}>
              <span className="timeline-what">{ORDER_STATUS_LABELS[e.to]}</span> <span className="muted small">{formatDateTime(e.at)}</span>
              {e.note ? <p className="timeline-note">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </Section>
    </Page>
  );
}

function Summary({ detail }: { detail: OrderDetail }) {
  const { order, payments } = detail;
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <Section title="Summary">
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="visually-hidden">Order lines</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="numeric">Quantity</th>
              <th scope="col" className="numeric">Each</th>
              <th scope="col" className="numeric">Amount</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l, i) => (
              <tr key={i}>
                <th scope="row">{l.description}</th>
                <td className="numeric">{l.quantity}</td>
                <td className="numeric">{money(l.unitCents)}</td>
                <td className="numeric">{money(l.lineCents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                Tax ({order.taxRatePercent}%)
              </th>
              <td className="numeric">{money(order.taxCents)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="numeric">
                <strong>{money(order.totalCents)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <dl className="facts">
        <div>
          <dt>Billing address</dt>
          <dd className="pre-line">{addressLines(order.billingAddress).join('\n')}</dd>
        </div>
        {order.shippingAddress ? (
          <div>
            <dt>Delivery address</dt>
            <dd className="pre-line">{addressLines(order.shippingAddress).join('\n')}</dd>
          </div>
        ) : null}
        {order.notes ? (
          <div>
            <dt>Notes</dt>
            <dd>{order.notes}</dd>
          </div>
        ) : null}
        {order.carrier ? (
          <div>
            <dt>Shipped with</dt>
            <dd>
              {order.carrier}
              {order.trackingUrl ? (
                <>
                  {' '}
                  · <a href={order.trackingUrl} rel="noreferrer noopener" target="_blank">Track the parcel</a>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {payments.map((p) => (
          <div key={p.id}>
            <dt>{p.kind === 'refund' ? 'Refund' : 'Payment'}</dt>
            <dd>
              {money(p.amountCents)} by {p.provider === 'stripe' ? `card${p.cardBrand ? ` (${p.cardBrand} ending ${p.cardLast4 ?? '····'})` : ''}` : 'bank transfer'} · {p.status}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
