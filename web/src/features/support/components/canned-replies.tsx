import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { cannedRepliesQuery, useCreateCannedReply, useDeleteCannedReply } from '../api/support-api.js';

/** The stored answers staff start replies from. */
export function CannedReplies() {
  const replies = useQuery(cannedRepliesQuery());
  const create = useCreateCannedReply();
  const remove = useDeleteCannedReply();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const submit = form.handleSubmit(async () => {
    validate({ title: !title.trim() && 'Give it a title.', body: !text.trim() && 'Write the reply.' });
    await create.mutateAsync({ title: title.trim(), body: text.trim() });
    setTitle('');
    setText('');
  });
  return (
    <Section title="Canned replies" description="Answers you give often; pick one when replying to a ticket.">
      <FormAlert message={loadError(replies)} />
      <ul className="plain-list stack-small" aria-label="Canned replies">
        {(replies.data ?? []).map((r) => (
          <li key={r.id}>
            <strong>{r.title}</strong> <span className="muted small">{r.body.slice(0, 120)}</span>{' '}
            <Button variant="secondary" onClick={() => void remove.mutateAsync(r.id)}>
              Delete
            </Button>
          </li>
        ))}
      </ul>
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="New canned reply">
        <FormAlert message={form.error} />
        <TextField name="title" label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={form.fieldErrors.title} />
        <TextAreaField name="body" label="Reply" rows={3} maxLength={20_000} value={text} onChange={(e) => setText(e.target.value)} error={form.fieldErrors.body} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Saving…">
            Save canned reply
          </Button>
        </div>
      </form>
    </Section>
  );
}
