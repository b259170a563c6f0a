import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Loading, Page } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { useSearchParam } from '../../../lib/router.js';
import { outboxQuery, type OutboxMessage } from '../api/outbox-api.js';
import { MessageText } from '../components/message-text.js';

export function AdminOutboxPage() {
  const initial = useSearchParam('to') ?? '';
  const [draft, setDraft] = useState(initial);
  const [to, setTo] = useState(initial);
  const messages = useQuery(outboxQuery(to));

  return (
    <Page title="Outbox" intro="Every e-mail the system has written, newest first. Without a mail server, send people their links from here." width="wide">
      <form
        className="card form filter-bar"
        role="search"
        aria-label="Filter messages"
        onSubmit={(e) => {
          e.preventDefault();
          setTo(draft.trim());
        }}
      >
        <TextField label="Recipient" name="to" type="search" inputMode="email" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <Button type="submit">Filter</Button>
        <Button variant="secondary" onClick={() => void messages.refetch()}>
          Refresh
        </Button>
      </form>
      <FormAlert message={loadError(messages)} />
      {messages.isPending ? <Loading label="Loading messages…" /> : null}
      {messages.data && messages.data.length === 0 ? <p className="card muted">No messages{to ? ` to ${to}` : ''}.</p> : null}
      <div className="stack" aria-busy={messages.isFetching}>
        {(messages.data ?? []).map((message) => (
          <MessageCard key={message.id} message={message} />
        ))}
      </div>
    </Page>
  );
}

function MessageCard({ message }: { message: OutboxMessage }) {
  return (
    <article className="card message" aria-labelledby={`msg-${message.id}`}>
      <header className="message-header">
        <h2 id={`msg-${message.id}`} className="message-subject">
          {message.subject}
        </h2>
        <span className="badge">{message.kind}</span>
      </header>
      <dl className="meta">
        <div>
          <dt>To</dt>
          <dd>{message.to}</dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>{formatDateTime(message.createdAt)}</dd>
        </div>
        <div>
          <dt>Delivered</dt>
          <dd>{message.sentAt ? formatDateTime(message.sentAt) : 'Not sent by mail (outbox only)'}</dd>
        </div>
      </dl>
      <MessageText text={message.text} />
    </article>
  );
}
