import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextAreaField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { cannedRepliesQuery, useStaffMessage } from '../api/support-api.js';

/** A reply (mailed to the person) or an internal note (staff only), optionally from a canned reply. */
export function StaffReplyForm({ ticketId }: { ticketId: string }) {
  const canned = useQuery(cannedRepliesQuery());
  const send = useStaffMessage(ticketId);
  const form = useForm();
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = form.handleSubmit(async () => {
    validate({ body: !text.trim() && 'Write something first.' });
    await send.mutateAsync({ kind, body: text.trim() });
    setText('');
    setDone(kind === 'reply' ? 'Reply sent by e-mail.' : 'Note added.');
  });
  return (
    <form ref={form.ref} className="form message-form" onSubmit={submit} noValidate aria-label="Reply">
      <FormAlert message={form.error} />
      <StatusMessage>{done}</StatusMessage>
      {canned.data && canned.data.length > 0 ? (
        <SelectField
          name="canned"
          label="Start from a canned reply"
          value=""
          onChange={(e) => {
            const chosen = canned.data.find((r) => r.id === e.target.value);
            if (chosen) setText(chosen.body);
          }}
        >
          <option value="">Choose…</option>
          {canned.data.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as 'reply' | 'note')}>
        <option value="reply">Reply to the customer (by e-mail)</option>
        <option value="note">Internal note (staff only)</option>
      </SelectField>
      <TextAreaField label="Message" name="body" rows={5} maxLength={20_000} value={text} onChange={(e) => setText(e.target.value)} error={form.fieldErrors.body} />
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Sending…">
          {kind === 'reply' ? 'Send reply' : 'Add note'}
        </Button>
      </div>
    </form>
  );
}
