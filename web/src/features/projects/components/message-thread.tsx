/** The conversation between the customer and the staff on the project. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField } from '../../../components/field.js';
import { Loading, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { messagesQuery, usePostMessage } from '../api/projects-api.js';
import { roleWord } from '../utils/format.js';

export function MessageThread({ projectId, userId, canPost }: { projectId: string; userId: string; canPost: boolean }) {
  const messages = useQuery(messagesQuery(projectId));
  const postMessage = usePostMessage(projectId);
  const form = useForm();
  const [body, setBody] = useState('');
  const list = messages.data ?? [];

  const submit = form.handleSubmit(async () => {
    validate({ body: !body.trim() && 'Write a message first.' });
    await postMessage.mutateAsync(body.trim());
    setBody('');
  });

  return (
    <Section title="Messages" description="Questions and answers about this project, between you and the people working on it.">
      <FormAlert message={loadError(messages)} />
      {messages.isPending ? <Loading label="Loading messages…" /> : null}
      {messages.data && list.length === 0 ? <p className="muted">No messages yet.</p> : null}
      {list.length > 0 ? (
        <ol className="thread" aria-label="Messages">
          {list.map((m) => (
            <li key={m.id} className={`message${m.authorId === userId ? ' message-own' : ''}`}>
              <p className="message-meta small">
                <strong>{m.authorId === userId ? 'You' : (m.authorName ?? 'Former user')}</strong>
                <span className="muted"> · {roleWord(m.authorRole)} · {formatDateTime(m.createdAt)}</span>
              </p>
              <p className="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canPost ? (
        <form ref={form.ref} className="form message-form" onSubmit={submit} noValidate aria-label="Write a message">
          <FormAlert message={form.error} />
          <TextAreaField label="Your message" name="body" rows={3} maxLength={20_000} value={body} onChange={(e) => setBody(e.target.value)} error={form.fieldErrors.body} />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} busyLabel="Sending…">
              Send message
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}
