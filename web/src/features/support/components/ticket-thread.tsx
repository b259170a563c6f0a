import { formatDateTime, formatFileSize } from '../../../lib/format.js';
import { attachmentUrl, type Ticket } from '../api/support-api.js';

const KIND_WORDS = { in: 'wrote', out: 'replied', note: 'internal note' } as const;

/** A ticket's conversation, oldest first; notes (staff only) are marked as such. */
export function TicketThread({ ticket, ownSide }: { ticket: Ticket; ownSide: 'in' | 'out' }) {
  return (
    <ol className="thread" aria-label="Conversation">
      {ticket.messages.map((m) => (
        <li key={m.id} className={`message${m.kind === ownSide ? ' message-own' : ''}${m.kind === 'note' ? ' support-note' : ''}`}>
          <p className="message-meta small">
            <strong>{m.author ?? 'Support'}</strong>
            <span className="muted">
              {' '}
              · {KIND_WORDS[m.kind]}
              {m.via === 'mail' ? ' by e-mail' : ''} · {formatDateTime(m.createdAt)}
            </span>
          </p>
          <p className="message-body">{m.body}</p>
          {m.attachments.length > 0 ? (
            <ul className="plain-list small" aria-label="Attachments">
              {m.attachments.map((a) => (
                <li key={a.id}>
                  <a href={attachmentUrl(a.id)} download={a.name}>
                    {a.name}
                  </a>{' '}
                  <span className="muted">({formatFileSize(a.sizeBytes)})</span>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
