import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Page } from '../../../components/page.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { Link } from '../../../lib/router.js';
import { requestPasswordReset } from '../api/auth-api.js';
import { AccountEmailField } from '../components/account-email-field.js';

export function ForgotPasswordPage() {
  const form = useForm();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ to: string; linkValidFor: string } | null>(null);

  const submit = form.handleSubmit(async () => {
    validate({ email: checkEmail(email) });
    const { linkValidFor } = await requestPasswordReset(email.trim());
    setSent({ to: email.trim(), linkValidFor });
  });

  return (
    <Page title="Reset your password" width="narrow" intro="Enter the e-mail address of your account and we will send you a link to choose a new password.">
      <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Reset your password">
        <FormAlert message={form.error} />
        <StatusMessage>
          {sent ? (
            <>
              If an account uses {sent.to}, a link to reset its password is on its way. The link works for {sent.linkValidFor}.
            </>
          ) : null}
        </StatusMessage>
        <AccountEmailField value={email} onChange={setEmail} error={form.fieldErrors.email} />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Sending…">
            Send reset link
          </Button>
          <Link to="/sign-in">Back to sign in</Link>
        </div>
      </form>
    </Page>
  );
}
