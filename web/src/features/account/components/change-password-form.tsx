import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { checkNewPassword, MIN_PASSWORD_LENGTH, useForm, validate } from '../../../lib/form.js';
import { changePassword } from '../api/account-api.js';

type ChangePasswordFormProps = {
  email: string;
  title?: string;
  description?: string;
  /** What the password being replaced is called (a one-time password is not "current" to its reader). */
  currentLabel?: string;
  /** After the server accepted the new password; without it the form says so and stays. */
  onChanged?: () => Promise<void> | void;
};

export function ChangePasswordForm({ email, title = 'Password', description = 'We will e-mail you to confirm the change. Your other sessions are signed out.', currentLabel = 'Current password', onChanged }: ChangePasswordFormProps) {
  const form = useForm();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: event.target.value }));
  };

  const submit = form.handleSubmit(async () => {
    setSaved(false);
    validate({
      currentPassword: !values.currentPassword && `Enter your ${currentLabel.toLowerCase()}.`,
      newPassword: checkNewPassword(values.newPassword) ?? (values.newPassword === values.currentPassword && 'Choose a password different from the current one.'),
      repeat: values.repeat !== values.newPassword && 'The two new passwords are not the same.',
    });
    await changePassword(values.currentPassword, values.newPassword);
    setValues({ currentPassword: '', newPassword: '', repeat: '' });
    if (onChanged) await onChanged();
    else setSaved(true);
  });

  return (
    <Section title={title} description={description}>
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Change password">
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <FormAlert message={form.error} />
        <StatusMessage>{saved ? 'Your password has been changed.' : null}</StatusMessage>
        <TextField label={currentLabel} name="currentPassword" type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} error={form.fieldErrors.currentPassword} required />
        <div className="form-grid">
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            value={values.newPassword}
            onChange={set('newPassword')}
            error={form.fieldErrors.newPassword}
            required
          />
          <TextField label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" value={values.repeat} onChange={set('repeat')} error={form.fieldErrors.repeat} required />
        </div>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Changing…">
            Change password
          </Button>
        </div>
      </form>
    </Section>
  );
}
