import { useState } from 'react';
import { ConfirmForm } from '../../../components/confirm-form.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useAccountOptions } from '../../../lib/account-options.js';
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
  const [password, setPassword] = useState('');
  // Without passwords (the policy declares none), a sign-in by e-mailed link moments ago confirms it is you.
  const usesPassword = useAccountOptions()?.signIn !== 'email_link';

  const erase = async () => {
    validate({ password: usesPassword && !password && 'Enter your password to confirm.' });
    const result = await eraseMyAccount(usesPassword ? password : undefined);
    // The erasure ends every session anyway; forgetting it now keeps the app from asking for pages that are gone.
    await signOut();
    navigate(sameOriginPath(result.certificateUrl), { replace: true });
  };

  return (
    <Section title="Delete my account" description="This removes your account and the data we hold about you, except what the law makes us keep (listed on the certificate). It cannot be undone.">
      <ConfirmForm form={form} action={erase} openLabel="Delete my account…" submitLabel="Delete my account permanently" busyLabel="Deleting…" onCancel={() => setPassword('')}>
        {usesPassword ? (
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
        ) : (
          <p>To be sure it is you, this needs a sign-in by e-mailed link within the last few minutes. You will get a certificate listing what was removed and what is kept.</p>
        )}
      </ConfirmForm>
    </Section>
  );
}
