import { useState } from 'react';
import { FormAlert, Notice } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Page } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { Link, safeReturnPath, useNavigate, useSearchParam } from '../../../lib/router.js';
import { signIn } from '../api/auth-api.js';
import { AccountEmailField } from '../components/account-email-field.js';

export function SignInPage() {
  const form = useForm();
  const auth = useAuth();
  const navigate = useNavigate();
  const nextParam = useSearchParam('next');
  const next = safeReturnPath(nextParam, '/');
  const withNext = (path: string) => (nextParam ? `${path}?next=${encodeURIComponent(next)}` : path);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = form.handleSubmit(async () => {
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
      <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Sign in">
        <FormAlert message={form.error} />
        <AccountEmailField value={email} onChange={setEmail} error={form.fieldErrors.email} />
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
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Signing in…">
            Sign in
          </Button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </form>
    </Page>
  );
}
