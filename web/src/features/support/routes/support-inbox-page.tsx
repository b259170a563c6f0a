import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { SelectField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { inboxQuery, STATUS_LABELS, TOPIC_LABELS, type InboxQuery, type Topic } from '../api/support-api.js';
import { CannedReplies } from '../components/canned-replies.js';
import { TicketStatusBadge } from '../components/ticket-status.js';
import '../support.css';

type StatusFilter = NonNullable<InboxQuery['status']> | '';
type AssigneeFilter = '' | 'me' | 'unassigned';

/** The staff inbox: confirmed tickets, newest activity first, filtered by status, assignee and topic. */
export function SupportInboxPage() {
  const [status, setStatus] = useState<StatusFilter>('active');
  const [assignee, setAssignee] = useState<AssigneeFilter>('');
  const [topic, setTopic] = useState<Topic | ''>('');
  const query: InboxQuery = { ...(status ? { status } : {}), ...(assignee ? { assignee } : {}), ...(topic ? { topic } : {}), limit: 100 };
  const tickets = useQuery(inboxQuery(query));
  return (
    <Page title="Support inbox" width="wide">
      <div className="stack">
        <Section title="Tickets">
          <FormAlert message={loadError(tickets)} />
          <div className="filter-bar">
            <SelectField name="status" label="Status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
              <option value="active">Open or waiting</option>
              <option value="">All</option>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <SelectField name="assignee" label="Assigned to" value={assignee} onChange={(e) => setAssignee(e.target.value as AssigneeFilter)}>
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="unassigned">Nobody</option>
            </SelectField>
            <SelectField name="topic" label="Topic" value={topic} onChange={(e) => setTopic(e.target.value as Topic | '')}>
              <option value="">Any</option>
              {Object.entries(TOPIC_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
          {tickets.isPending ? <Loading label="Loading tickets…" /> : null}
          {tickets.data?.length === 0 ? <p className="muted">No tickets here.</p> : null}
          <ul className="plain-list stack-small" aria-label="Tickets">
            {(tickets.data ?? []).map((t) => (
              <li key={t.id} className="support-inbox-row">
                <Link to={`/staff/support/${t.id}`}>{t.name ?? t.email}</Link>
                <span className="muted small">{t.email}</span>
                <span>{TOPIC_LABELS[t.topic]}</span>
                <TicketStatusBadge status={t.status} />
                <span className="muted small">
                  {t.origin === 'mail' ? 'by e-mail · ' : ''}
                  {t.assignee ? `assigned to ${t.assignee.name}` : 'unassigned'} · {formatDateTime(t.lastMessageAt)}
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <CannedReplies />
      </div>
    </Page>
  );
}
