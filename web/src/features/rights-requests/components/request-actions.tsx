import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { recordRequestDisclosure, useAnswerRequest, type Answer, type RequestView } from '../api/rights-requests-api.js';
import { DisclosureForm } from './disclosure-form.js';
import { ErasePanel, ExportPanel } from './fulfil-panels.js';

type Action = Answer | 'export' | 'erase' | 'disclose';

const ANSWERS: Record<Answer, { button: string; field: string; hint: string; submit: string }> = {
  complete: { button: 'Complete', field: 'Answer to the person', hint: 'Sent to them by e-mail.', submit: 'Send answer and complete' },
  extend: { button: 'Extend', field: 'Reason for the extension', hint: 'The person is told why they must wait longer.', submit: 'Extend the deadline' },
  deny: { button: 'Deny', field: 'Reason for denying', hint: 'The person is told why, and how to complain to the authority.', submit: 'Deny the request' },
};


function ActionButton({ action, request: r, primary, onOpen }: { action: Action; request: RequestView; primary: boolean; onOpen: () => void }) {
  const small = 'button-small';
  switch (action) {
    case 'export':
      return (
        <Button className={small} onClick={onOpen} aria-label={`Send the data export to ${r.name}`}>
          Send data export
        </Button>
      );
    case 'erase':
      return (
        <Button variant="danger" className={small} onClick={onOpen} aria-label={`Erase the account of ${r.name}…`}>
          Erase account…
        </Button>
      );
    case 'disclose':
      return (
        <Button variant="secondary" className={small} onClick={onOpen} aria-label={`Record a disclosure about ${r.name}`}>
          Record a disclosure…
        </Button>
      );
    case 'complete':
    case 'extend':
    case 'deny':
      return (
        <Button variant={action === 'deny' ? 'danger' : action === 'complete' && primary ? 'primary' : 'secondary'} className={small} onClick={onOpen} aria-label={`${ANSWERS[action].button} the request from ${r.name}`}>
          {ANSWERS[action].button}
        </Button>
      );
  }
}

/** One action at a time per request; each says to whom what happens before it is done. */
export function RequestActions({ request, onDone }: { request: RequestView; onDone: (message: string) => void }) {
  const [open, setOpen] = useState<Action | null>(null);
  // The server says what may be done now (and refuses the rest): no rule is repeated here.
  const actions: Action[] = request.allowedActions;
  if (actions.length === 0) return null;
  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    onDone(message);
  };

  switch (open) {
    case null: {
      // Fulfilling the request is the main step where the server can do it; otherwise answering it.
      const fulfils = actions.includes('export') || actions.includes('erase');
      return (
        <div className="button-row">
          {actions.map((a) => (
            <ActionButton key={a} action={a} request={request} primary={!fulfils} onOpen={() => setOpen(a)} />
          ))}
        </div>
      );
    }
    case 'export':
      return <ExportPanel request={request} onDone={done} onCancel={close} />;
    case 'erase':
      return <ErasePanel request={request} onDone={done} onCancel={close} />;
    case 'disclose':
      return <DisclosureForm subject={{ kind: 'request', name: request.name }} submit={(facts) => recordRequestDisclosure(request.id, facts)} onDone={done} onCancel={close} />;
    case 'complete':
    case 'extend':
    case 'deny':
      return <AnswerForm action={open} request={request} onDone={done} onCancel={close} />;
  }
}

/** Answers that need the words the person will receive. */
function AnswerForm({ action: which, request, onDone, onCancel }: { action: Answer; request: RequestView; onDone: (message: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const form = useForm();
  const answer = useAnswerRequest();
  const action = ANSWERS[which];
  const submit = form.handleSubmit(async () => {
    validate({ text: !text.trim() && `Write the ${action.field.toLowerCase()}.` });
    await answer.mutateAsync({ id: request.id, answer: which, text: text.trim() });
    onDone(`${action.submit}: done for ${request.name}.`);
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate>
      <FormAlert message={form.error} />
      <TextAreaField name="text" label={action.field} hint={action.hint} rows={3} value={text} onChange={(e) => setText(e.target.value)} error={form.fieldErrors.text ?? form.fieldErrors.answer ?? form.fieldErrors.reason} autoFocus />
      <div className="form-actions">
        <Button type="submit" variant={which === 'deny' ? 'danger' : 'primary'} busy={form.busy} busyLabel="Saving…">
          {action.submit}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
