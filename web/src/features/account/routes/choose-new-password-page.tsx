import { Notice } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Page } from '../../../components/page.js';
import { useAuth, useCurrentUser } from '../../../lib/auth.js';
import { useLocation, useNavigate } from '../../../lib/router.js';
import { ChangePasswordForm } from '../components/change-password-form.js';

/**
 * Shown instead of every page while the signed-in person's password is a one-time one (the first
 * administrator's printed password, or one an operator chose for them): the server refuses
 * everything else until it is replaced. The address is left alone, so afterwards the page the
 * person was going to opens.
 */
export function ChooseNewPasswordPage() {
  const user = useCurrentUser();
  const auth = useAuth();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();

  async function onChanged() {
    await auth.refresh();
    // A navigation to the same address, so the layout moves focus to the heading of the page now shown.
    navigate(pathname + search, { replace: true });
  }

  return (
    <Page title="Choose a new password" width="narrow" intro={<>Signed in as <strong>{user.email}</strong></>}>
      <div className="stack">
        <Notice tone="warning" title="The password you signed in with was a one-time password">
          <p>
            It was printed when Meshvault was set up, or chosen for you by an administrator, so someone else may have seen it. Choose a
            password only you know to continue. Any other session signed in with the one-time password will be signed out.
          </p>
        </Notice>
        <ChangePasswordForm
          email={user.email}
          title="Your new password"
          description="We will e-mail you to confirm the change."
          currentLabel="One-time password"
          onChanged={onChanged}
        />
        <p>
          <Button
            variant="secondary"
            onClick={() => {
              void auth.signOut().finally(() => navigate('/sign-in'));
            }}
          >
            Sign out instead
          </Button>
        </p>
      </div>
    </Page>
  );
}
