import { useAuth } from '../../../lib/auth.js';
import { Link } from '../../../lib/router.js';
import { confirmEmailChange } from '../api/auth-api.js';
import { TokenConfirmation } from '../components/token-confirmation.js';

export function ConfirmEmailPage() {
  const { state, refresh } = useAuth();
  const signedIn = state.status === 'signed-in';
  return (
    <TokenConfirmation
      title="Confirm your new e-mail address"
      confirm={async (token) => {
        await confirmEmailChange(token);
        if (signedIn) await refresh();
      }}
      doneTitle="E-mail address changed"
      working="Confirming your new e-mail address…"
      success="Your e-mail address has been changed. From now on, sign in with the new address."
      next={
        <Link to={signedIn ? '/account' : '/sign-in'} className="button button-primary">
          {signedIn ? 'Back to your account' : 'Sign in'}
        </Link>
      }
      failureHelp={
        <p>
          You can ask for a new link from your <Link to="/account">account settings</Link>.
        </p>
      }
    />
  );
}
