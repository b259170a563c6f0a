import { useQuery } from '@tanstack/react-query';
import { Button } from '../../../components/button.js';
import { Loading } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { deliveriesQuery, type Delivery } from '../api/integrations-api.js';

const STATUS_WORDS: Record<Delivery['status'], string> = { pending: 'Waiting to retry', succeeded: 'Delivered', failed: 'Failed', refused: 'Not sent', cancelled: 'Cancelled' };

/** A connection's latest deliveries; each can be sent again while the connection is enabled. */
export function DeliveryList({ connectionId, canReplay, replaying, onReplay }: { connectionId: string; canReplay: boolean; replaying: string | null; onReplay: (deliveryId: string) => void }) {
  const deliveries = useQuery(deliveriesQuery(connectionId));
  if (deliveries.isPending) return <Loading label="Loading deliveries…" />;
  const problem = loadError(deliveries);
  if (problem) return <p className="field-error">{problem}</p>;
  const items = deliveries.data ?? [];
  if (items.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <table className="table" aria-label="Deliveries">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">When</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td>{d.eventType}</td>
            <td>{formatDateTime(d.occurredAt)}</td>
            <td>
              {STATUS_WORDS[d.status]}
              {d.lastStatusCode !== null ? ` (HTTP ${d.lastStatusCode})` : ''}
              {d.lastError && d.status !== 'succeeded' ? <span className="muted small"> — {d.lastError}</span> : null}
              {d.nextAttemptAt && d.status === 'pending' ? <span className="muted small"> next try {formatDateTime(d.nextAttemptAt)}</span> : null}
            </td>
            <td>{d.attempts}</td>
            <td>
              {canReplay ? (
                <Button variant="secondary" className="button-small" busy={replaying === d.id} busyLabel="Sending…" onClick={() => onReplay(d.id)} aria-label={`Send ${d.eventType} again`}>
                  Send again
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
