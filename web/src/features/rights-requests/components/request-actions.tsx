import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { completeRequest, denyRequest, extendRequest, type RequestView } from '../api/rights-requests-api.js';

type Action = 'complete' | 'extend' | 'deny';

const ACTIONS: Record<Action, { button: string; field: string; hint: string; submit: string; run: (id: string, text: string) => Promise<unknown> }> = {
  complete: { button: 'Complete', field: 'Answer to the person', hint: 'Sent to them by e-mail.', submit: 'Send answer and complete', run: completeRequest },
  extend: { button: 'Extend', field: 'Reason for the extension', hint: 'The person is told why they must wait longer.', submit: 'Extend the deadline', run: extendRequest },
  deny: { button: 'Deny', field: 'Reason for denying', hint: 'The person is told why, and how to complain to the authority.', submit: 'Deny the request', run: denyRequest },
};

/** One action at a time per request, each needing the words the person will receive. */
export function RequestActions({ request, onDone }: { request: RequestView; onDone: (message: string) => void }) {
  const [open, setOpen] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const form = useForm();
  const closed = request.status === 'completed' || request.status === 'denied' || request.status === 'unverified';
  if (closed) return null;

  if (!open) {
    return (
      <div className="button-row">
        {(Object.keys(ACTIONS) as Action[])
          .filter((a) => a !== 'extend' || request.status !== 'extended')
          .map((a) => (
            <Button key={a} variant={a === 'deny' ? 'danger' : a === 'complete' ? 'primary' : 'secondary'} className="button-small" onClick={() => setOpen(a)} aria-label={`${ACTIONS[a].button} the request from ${request.name}`}>
              {ACTIONS[a].button}
            </Button>
          ))}
      </div>
    );
  }
  const action = ACTIONS[open];
  const submit = form.handleSubmit(async () => {
    validate({ text: !text.trim() && `Write the ${action.field.toLowerCase()}.` });
    await action.run(request.id, text.trim());
    setOpen(null);
    setText('');
    onDone(`${action.submit}: done for ${request.name}.`);
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate>
      <FormAlert message={form.error} />
      <TextAreaField name="text" label={action.field} hint={action.hint} rows={3} value={text} onChange={(e) => setText(e.target.value)} error={form.fieldErrors.text ?? form.fieldErrors.answer ?? form.fieldErrors.reason} autoFocus />
      <div className="form-actions">
        <Button type="submit" variant={open === 'deny' ? 'danger' : 'primary'} busy={form.busy} busyLabel="Saving…">
          {action.submit}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setOpen(null);
            form.clearErrors();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
