import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { useEraseForRequest, useExportForRequest, type RequestView } from '../api/rights-requests-api.js';

type PanelProps = { request: RequestView; onDone: (message: string) => void; onCancel: () => void };

function CancelButton({ onCancel }: { onCancel: () => void }) {
  return (
    <Button variant="secondary" onClick={onCancel}>
      Cancel
    </Button>
  );
}

/** An access or portability request of an account holder: the server builds the ZIP and e-mails them a link. */
export function ExportPanel({ request: r, onDone, onCancel }: PanelProps) {
  const exportForRequest = useExportForRequest();
  const form = useForm();
  const submit = form.handleSubmit(async () => {
    await exportForRequest.mutateAsync(r.id);
    onDone(`Export started for ${r.name}: the download link will be e-mailed to ${r.email}. Complete the request once they have it.`);
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label={`Send ${r.name} their data`}>
      <FormAlert message={form.error} />
      <div className="notice notice-info">
        <p className="notice-title">Send {r.name} a copy of their data?</p>
        <p>
          Everything held about the account that uses {r.email} is gathered into a ZIP, and a single-use download link is e-mailed to that address. The request moves to
          In progress.
        </p>
      </div>
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Starting the export…">
          Send the data export
        </Button>
        <CancelButton onCancel={onCancel} />
      </div>
    </form>
  );
}

/**
 * An erasure request: cannot be undone, so the officer reads what happens to whom and types the
 * person's address before the button does anything.
 */
export function ErasePanel({ request: r, onDone, onCancel }: PanelProps) {
  const eraseForRequest = useEraseForRequest();
  const form = useForm();
  const [typed, setTyped] = useState('');
  const submit = form.handleSubmit(async () => {
    validate({ confirmEmail: typed.trim().toLowerCase() !== r.email.toLowerCase() && `Type ${r.email} to confirm that this is the account to erase.` });
    await eraseForRequest.mutateAsync(r.id);
    onDone(`Erasure of ${r.name}’s account started; the certificate is e-mailed to ${r.email}, and the request is completed.`);
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label={`Erase the account of ${r.name}`}>
      <FormAlert message={form.error} />
      <div className="notice notice-error">
        <p className="notice-title">
          Erase the account of {r.name} ({r.email})?
        </p>
        <ul>
          <li>The account and the data held about {r.name} are erased now, as the privacy policy says; only records the law obliges us to keep remain, for as long as it does.</li>
          <li>They are signed out everywhere and can no longer sign in.</li>
          <li>An erasure certificate is e-mailed to {r.email}, and this request is marked completed.</li>
          {r.hasAccount ? null : <li>No account used this address when they confirmed the request; if none does now, nothing is erased.</li>}
          <li>
            <strong>This cannot be undone.</strong>
          </li>
        </ul>
      </div>
      <TextField
        name="confirmEmail"
        label={`Type ${r.email} to confirm`}
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        error={form.fieldErrors.confirmEmail}
        autoFocus
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={form.busy} busyLabel="Starting the erasure…">
          Erase {r.name}’s account permanently
        </Button>
        <CancelButton onCancel={onCancel} />
      </div>
    </form>
  );
}
