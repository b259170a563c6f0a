import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { staffTicketQuery, TOPIC_LABELS } from '../api/support-api.js';
import { PrivacyRequestPanel } from '../components/privacy-request-panel.js';
import { StaffReplyForm } from '../components/staff-reply-form.js';
import { TicketControls } from '../components/ticket-controls.js';
import { TicketStatusBadge } from '../components/ticket-status.js';
import { TicketThread } from '../components/ticket-thread.js';
import '../support.css';

/** A ticket for staff: the conversation with notes, the reply form, status and assignment. */
export function StaffTicketPage({ id }: { id: string }) {
  const ticket = useQuery(staffTicketQuery(id));
  const me = useCurrentUser();
  const t = ticket.data;
  return (
    <Page title={t ? `${t.name ?? t.email}: ${TOPIC_LABELS[t.topic]}` : 'Ticket'} width="wide" intro={<Link to="/staff/support">Back to the inbox</Link>}>
      <FormAlert message={loadError(ticket)} />
      {ticket.isPending ? <Loading /> : null}
      {t ? (
        <div className="support-layout">
          <Section title="Conversation" description={<>{t.email} · <TicketStatusBadge status={t.status} />{t.hasAccount ? ' · has an account' : ''}</>}>
            <TicketThread ticket={t} ownSide="out" />
            <StaffReplyForm ticketId={t.id} />
          </Section>
          <div className="support-side">
            <TicketControls ticket={t} />
            {me.role === 'privacy_officer' || me.role === 'admin' ? <PrivacyRequestPanel ticket={t} /> : null}
          </div>
        </div>
      ) : null}
    </Page>
  );
}
