/** Deleting somebody else's file: asks why, as the server requires; the reason goes into the audit trail. */
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';

const MAX_REASON = 500;

export function DeleteWithReason({ fileName, onDelete }: { fileName: string; onDelete: (reason: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm();
  if (!open) {
    return (
      <Button variant="danger" className="button-small" onClick={() => setOpen(true)} aria-label={`Delete ${fileName}…`}>
        Delete…
      </Button>
    );
  }
  const submit = form.handleSubmit(async () => {
    validate({ reason: !reason.trim() && 'Say why you delete this file.' });
    await onDelete(reason.trim());
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label={`Delete ${fileName}`}>
      <FormAlert message={form.error} />
      <TextAreaField
        name="reason"
        label="Why delete this file?"
        hint="Someone else uploaded it. It cannot be recovered, and your reason is kept in the audit trail."
        rows={2}
        maxLength={MAX_REASON}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.fieldErrors.reason}
        autoFocus
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={form.busy} busyLabel="Deleting…">
          Delete for good
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
