import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { useForm, validate } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { sameOriginPath } from '../../../lib/same-origin.js';
import { eraseMyAccount } from '../api/privacy-api.js';

/**
 * Two steps: the first press only explains and asks for the password; the second erases. Afterwards
 * the person lands on the certificate, the only page about the account that still opens.
 */
export function DeleteAccount() {
  const form = useForm();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');

  const submit = form.handleSubmit(async () => {
    validate({ password: !password && 'Enter your password to confirm.' });
    const result = await eraseMyAccount(password);
    // The erasure ends every session anyway; forgetting it now keeps the app from asking for pages that are gone.
    await signOut();
    navigate(sameOriginPath(result.certificateUrl), { replace: true });
  });

  return (
    <Section title="Delete my account" description="This removes your account and the data we hold about you, except what the law makes us keep (listed on the certificate). It cannot be undone.">
      {asking ? (
        <form ref={form.ref} className="form" onSubmit={submit} noValidate>
          <FormAlert message={form.error} />
          <TextField
            name="password"
            type="password"
            autoComplete="current-password"
            label="Your password"
            hint="To be sure it is you. You will get a certificate listing what was removed and what is kept."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.fieldErrors.password}
            autoFocus
          />
          <div className="form-actions">
            <Button type="submit" variant="danger" busy={form.busy} busyLabel="Deleting…">
              Delete my account permanently
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setAsking(false);
                setPassword('');
                form.clearErrors();
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <Button variant="danger" onClick={() => setAsking(true)}>
            Delete my account…
          </Button>
        </div>
      )}
    </Section>
  );
}
