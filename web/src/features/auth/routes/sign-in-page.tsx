import { useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Loading, Page } from '../../../components/page.js';
import { useAccountOptions } from '../../../lib/account-options.js';
import { useAuth } from '../../../lib/auth.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { Link, safeReturnPath, useNavigate, useSearchParam } from '../../../lib/router.js';
import { requestSignInLink, signIn } from '../api/auth-api.js';
import { AccountEmailField } from '../components/account-email-field.js';
import { AcceptedByUse } from '../components/policy-acceptance.js';
import { usePolicyToAccept } from '../components/use-policy-to-accept.js';

/** With a password where the privacy policy declares passwords; otherwise by a link e-mailed to the address. */
export function SignInPage() {
  const form = useForm();
  const options = useAccountOptions();
  const auth = useAuth();
  const navigate = useNavigate();
  const nextParam = useSearchParam('next');
  const next = safeReturnPath(nextParam, '/');
  const withNext = (path: string) => (nextParam ? `${path}?next=${encodeURIComponent(next)}` : path);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkSent, setLinkSent] = useState<{ to: string; linkValidFor: string } | null>(null);
  // Where using the service is acceptance, signing in is the use that records it (for an account made for someone, the first).
  const [policy] = usePolicyToAccept();

  const byLink = options?.signIn === 'email_link';

  const submit = form.handleSubmit(async () => {
    setLinkSent(null);
    if (byLink) {
      validate({ email: checkEmail(email) });
      const { linkValidFor } = await requestSignInLink(email.trim());
      setLinkSent({ to: email.trim(), linkValidFor });
      return;
    }
    validate({ email: checkEmail(email), password: !password && 'Enter your password.' });
    await signIn({ email: email.trim(), password });
    await auth.refresh();
    navigate(next, { replace: true });
  });

  return (
    <Page title="Sign in" width="narrow" intro={
        <>
          New here? <Link to={withNext('/sign-up')}>Create an account</Link>.
        </>
      }>
      {nextParam ? (
        <div className="spaced">
          <Notice>
            <p>Sign in to open that page. If you were signed in before, your session has ended.</p>
          </Notice>
        </div>
      ) : null}
      {/* The page and its heading stand at once (focus moves to the heading); the form waits for the options. */}
      {!options ? (
        <Loading />
      ) : (
        <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Sign in">
          <FormAlert message={form.error} />
          <StatusMessage>
            {linkSent ? (
              <>
                If an account uses {linkSent.to}, a sign-in link is on its way. Open it on the device you want to use; it works once, for {linkSent.linkValidFor}.
              </>
            ) : null}
          </StatusMessage>
          <AccountEmailField value={email} onChange={setEmail} error={form.fieldErrors.email} />
          {byLink ? (
            <p className="muted">This service uses no passwords: we e-mail you a link that signs you in.</p>
          ) : (
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={form.fieldErrors.password}
              required
            />
        )}
        {policy?.acceptance === 'by_use' ? <AcceptedByUse policy={policy} doing="signing in and using" /> : null}
        <div className="form-actions">
          {byLink ? (
            <Button type="submit" busy={form.busy} busyLabel="Sending…">
              E-mail me a sign-in link
            </Button>
          ) : (
            <>
              <Button type="submit" busy={form.busy} busyLabel="Signing in…">
                Sign in
              </Button>
              <Link to="/forgot-password">Forgot your password?</Link>
            </>
          )}
        </div>
      </form>
      )}
    </Page>
  );
}
