import { useCallback } from 'react';
import { useAuth } from '../../../lib/auth.js';
import { Link } from '../../../lib/router.js';
import { signInWithLink } from '../api/auth-api.js';
import { TokenConfirmation } from '../components/token-confirmation.js';

/** Opened from the e-mailed sign-in link: posts its token once, which opens the session. */
export function SignInLinkPage() {
  const { refresh } = useAuth();
  const confirm = useCallback(
    async (token: string) => {
      await signInWithLink(token);
      await refresh();
    },
    [refresh],
  );
  return (
    <TokenConfirmation
      title="Signing you in"
      doneTitle="You are signed in"
      confirm={confirm}
      working="Signing you in…"
      success="You are signed in."
      next={
        <Link to="/account" className="button button-primary">
          Go to your account
        </Link>
      }
      failureHelp={
        <p>
          Each link works once and only for a short time. <Link to="/sign-in">Ask for a new one</Link>.
        </p>
      }
    />
  );
}
