import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import type { Member } from '../api/organisation-api.js';

type Props = { member: Member; organisationName: string; onErase: (member: Member) => Promise<void>; onCancel: () => void };

/**
 * Erasing someone else's account cannot be undone, so it is never one press: this says what will
 * happen, to whom, and asks for the member's e-mail address typed out before it starts.
 */
export function EraseMemberConfirm({ member, organisationName, onErase, onCancel }: Props) {
  const form = useForm();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const [typed, setTyped] = useState('');

  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [member.userId]);

  const submit = form.handleSubmit(async () => {
    validate({ confirmEmail: typed.trim().toLowerCase() !== member.email.toLowerCase() && `Type ${member.email} exactly, to show you mean this member.` });
    await onErase(member);
  });

  return (
    <section ref={ref} role="alertdialog" aria-labelledby={titleId} tabIndex={-1} className="notice notice-warning erase-member">
      <h3 id={titleId} className="notice-title">
        Erase the account of {member.name}?
      </h3>
      <p>
        {member.name} ({member.email}) will lose their account and the data in it. <strong>This cannot be undone.</strong>
      </p>
      <ul>
        <li>{member.name} is signed out on every device at once and cannot sign in again.</li>
        <li>
          Their data is erased as our <a href="/privacy">privacy policy</a> describes, including any exports of it.
        </li>
        <li>Records the law requires us to keep are kept, for no longer than it requires.</li>
        <li>{member.name} receives an erasure certificate by e-mail that lists what was removed and what was kept, and says that an administrator of {organisationName} asked for it.</li>
      </ul>
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label={`Confirm erasing ${member.name}'s account`}>
        <FormAlert message={form.error} />
        <TextField
          name="confirmEmail"
          label={`Type ${member.email} to confirm`}
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            // A message about what was typed before would be wrong about what is typed now.
            if (form.fieldErrors.confirmEmail) form.clearErrors();
          }}
          error={form.fieldErrors.confirmEmail}
        />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={form.busy} busyLabel="Erasing…">
            Erase {member.name}'s account permanently
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={form.busy}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
