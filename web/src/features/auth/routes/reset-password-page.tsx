import { useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Page } from '../../../components/page.js';
import { checkNewPassword, MIN_PASSWORD_LENGTH, useForm, validate } from '../../../lib/form.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { confirmPasswordReset } from '../api/auth-api.js';

export function ResetPasswordPage() {
  const token = useSearchParam('token');
  const form = useForm();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);

  const submit = form.handleSubmit(async () => {
    validate({
      password: checkNewPassword(password),
      repeat: repeat !== password && 'The two passwords are not the same.',
    });
    await confirmPasswordReset(token ?? '', password);
    setDone(true);
  });

  if (!token) {
    return (
      <Page title="Choose a new password" width="narrow">
        <Notice tone="warning" title="This link is incomplete">
          <p>
            Open the link from the e-mail exactly as it was sent, or <Link to="/forgot-password">ask for a new link</Link>.
          </p>
        </Notice>
      </Page>
    );
  }

  if (done) {
    return (
      <Page title="Password changed" width="narrow">
        <div className="card">
          <StatusMessage>Your password has been changed.</StatusMessage>
          <p>For your safety, every device that was signed in to your account has been signed out.</p>
          <p>
            <Link to="/sign-in" className="button button-primary">
              Sign in with your new password
            </Link>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title="Choose a new password" width="narrow">
      <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Choose a new password">
        <FormAlert message={form.error} />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.fieldErrors.password}
          required
        />
        <TextField
          label="Repeat the new password"
          name="repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={form.fieldErrors.repeat}
          required
        />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Saving…">
            Save new password
          </Button>
        </div>
      </form>
    </Page>
  );
}
