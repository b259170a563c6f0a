import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { myTicketsQuery, TOPIC_LABELS } from '../api/support-api.js';
import { TicketStatusBadge } from '../components/ticket-status.js';

/** The person's conversations with the support desk. */
export function MyTicketsPage() {
  const tickets = useQuery(myTicketsQuery());
  return (
    <Page title="Support" intro={<>Your messages to our support team and our answers. <Link to="/contact">Write a new message</Link></>}>
      <Section title="Your conversations">
        <FormAlert message={loadError(tickets)} />
        {tickets.isPending ? <Loading /> : null}
        {tickets.data?.length === 0 ? <p className="muted">No conversations yet.</p> : null}
        <ul className="plain-list stack-small" aria-label="Conversations">
          {(tickets.data ?? []).map((t) => (
            <li key={t.id}>
              <Link to={`/support/tickets/${t.id}`}>{TOPIC_LABELS[t.topic]}</Link> <TicketStatusBadge status={t.status} /> <span className="muted small">last message {formatDateTime(t.lastMessageAt)}</span>
            </li>
          ))}
        </ul>
      </Section>
    </Page>
  );
}
