import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { requestEmailChange } from '../api/account-api.js';

/** `asksPassword`: the current password is asked only where the privacy policy declares passwords. */
export function ChangeEmailForm({ email, verified, asksPassword }: { email: string; verified: boolean; asksPassword: boolean }) {
  const form = useForm();
  const [values, setValues] = useState({ newEmail: '', currentPassword: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }));

  const submit = form.handleSubmit(async () => {
    setSentTo(null);
    validate({
      newEmail: checkEmail(values.newEmail) ?? (values.newEmail.trim().toLowerCase() === email.toLowerCase() && 'This is already your e-mail address.'),
      currentPassword: asksPassword && !values.currentPassword && 'Enter your current password.',
    });
    await requestEmailChange(values.newEmail.trim(), asksPassword ? values.currentPassword : undefined);
    setSentTo(values.newEmail.trim());
    setValues({ newEmail: '', currentPassword: '' });
  });

  return (
    <Section
      title="E-mail address"
      description={
        <>
          You sign in with <strong>{email}</strong>
          {verified ? ' (confirmed)' : ' (not yet confirmed)'}. To change it, we send a link to the new address; the change happens when you open it.
        </>
      }
    >
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Change e-mail address">
        <FormAlert message={form.error} />
        <StatusMessage>{sentTo ? `We have sent a confirmation link to ${sentTo}. Your address changes when you open it.` : null}</StatusMessage>
        <div className="form-grid">
          <TextField label="New e-mail address" name="newEmail" type="email" autoComplete="email" inputMode="email" value={values.newEmail} onChange={set('newEmail')} error={form.fieldErrors.newEmail} required />
          {asksPassword ? (
            <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} error={form.fieldErrors.currentPassword} required />
          ) : null}
        </div>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Sending…">
            Send confirmation link
          </Button>
        </div>
      </form>
    </Section>
  );
}
