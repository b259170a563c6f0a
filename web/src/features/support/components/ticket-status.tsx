import { STATUS_LABELS, type TicketStatus } from '../api/support-api.js';

const TONE: Record<TicketStatus, string> = { open: 'badge-accent', pending: 'badge-warn', resolved: 'badge-ok', closed: '' };

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge ${TONE[status]}`}>{STATUS_LABELS[status]}</span>;
}
