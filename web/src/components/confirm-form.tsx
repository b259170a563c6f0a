import { useState, type ReactNode } from 'react';
import type { FormState } from '../lib/form.js';
import { FormAlert } from './alerts.js';
import { Button } from './button.js';

/**
 * A destructive action asked for in two steps: the first press only opens a form that explains (and
 * may ask, say, for the password); its submit does it, and Cancel closes it again.
 */
export function ConfirmForm({
  form,
  action,
  openLabel,
  submitLabel,
  busyLabel,
  onCancel,
  children,
}: {
  form: FormState;
  /** What the submit does (through the form, so its errors show in the form). */
  action: () => Promise<void>;
  /** The first button, e.g. "Delete my account…". */
  openLabel: string;
  submitLabel: string;
  busyLabel: string;
  /** Also forget what was entered. */
  onCancel?: () => void;
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div className="form-actions">
        <Button variant="danger" onClick={() => setAsking(true)}>
          {openLabel}
        </Button>
      </div>
    );
  }
  return (
    <form ref={form.ref} className="form" onSubmit={form.handleSubmit(action)} noValidate>
      <FormAlert message={form.error} />
      {children}
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={form.busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setAsking(false);
            form.clearErrors();
            onCancel?.();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
