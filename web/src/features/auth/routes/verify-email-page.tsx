import { useAuth } from '../../../lib/auth.js';
import { Link } from '../../../lib/router.js';
import { verifyEmail } from '../api/auth-api.js';
import { TokenConfirmation } from '../components/token-confirmation.js';

export function VerifyEmailPage() {
  const { state } = useAuth();
  const signedIn = state.status === 'signed-in';
  return (
    <TokenConfirmation
      title="Confirm your e-mail address"
      doneTitle="E-mail address confirmed"
      confirm={verifyEmail}
      working="Confirming your e-mail address…"
      success="Your e-mail address is confirmed."
      next={
        <Link to={signedIn ? '/account' : '/sign-in'} className="button button-primary">
          {signedIn ? 'Go to your account' : 'Sign in'}
        </Link>
      }
      failureHelp={
        <p>
          Signing in sends you a fresh confirmation link. <Link to="/sign-in">Go to sign in</Link>.
        </p>
      }
    />
  );
}
