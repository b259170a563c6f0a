import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page } from '../../../components/page.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { useAuth, useCurrentUser } from '../../../lib/auth.js';
import { useForm, validate } from '../../../lib/form.js';
import { useLocation, useNavigate } from '../../../lib/router.js';
import { acceptPolicy, fetchSignUpPolicy } from '../api/auth-api.js';
import { PolicyAcceptance } from '../components/policy-acceptance.js';
import { usePolicyToAccept } from '../components/use-policy-to-accept.js';

/**
 * Shown instead of every page while the signed-in person has not accepted the privacy policy: their
 * account was made for them (by the operator or as the first administrator), so nobody has yet. The
 * server refuses the other pages' requests until then, except a copy or the erasure of their data.
 * The address is left alone, so afterwards the page the person was going to opens.
 */
export function AcceptPolicyPage() {
  const user = useCurrentUser();
  const auth = useAuth();
  const form = useForm();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const [policy, setPolicy] = usePolicyToAccept();
  const [accepted, setAccepted] = useState(false);

  const submit = form.handleSubmit(async () => {
    if (!policy) return;
    validate({ policyAccepted: policy.acceptance !== 'by_use' && !accepted && 'Tick this box to accept the privacy policy.' });
    await acceptPolicy(policy, accepted).catch(async (error: unknown) => {
      // A new version took force while the person read this one: show it, to be read and accepted anew.
      if (isApiError(error) && error.reason === 'policy_changed') {
        setPolicy((await fetchSignUpPolicy()).policy);
        setAccepted(false);
      }
      throw error;
    });
    await auth.refresh();
    // A navigation to the same address, so the layout moves focus to the heading of the page now shown.
    navigate(pathname + search, { replace: true });
  });

  return (
    <Page title="Our privacy policy" width="narrow" intro={<>Signed in as <strong>{user.email}</strong></>}>
      <div className="stack">
        <p>
          Your account was set up for you, so you have not yet been asked to accept our privacy policy. It says what we collect about you, why, who we
          share it with, how long we keep it, and your rights. Please read it before you continue.
        </p>
        {!policy ? (
          <Loading />
        ) : (
          <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Accept the privacy policy">
            <FormAlert message={form.error} />
            <PolicyAcceptance policy={policy} accepted={accepted} onChange={setAccepted} error={form.fieldErrors.policyAccepted} />
            <Button type="submit" busy={form.busy} busyLabel="Saving…">
              {policy.acceptance === 'by_use' ? 'Continue' : 'Accept and continue'}
            </Button>
          </form>
        )}
        <p className="muted">
          If you do not accept it, sign out: you can still ask us for a copy of your data, or to erase it, as the policy explains.
        </p>
        <p>
          <Button
            variant="secondary"
            onClick={() => {
              void auth.signOut().finally(() => navigate('/sign-in'));
            }}
          >
            Sign out
          </Button>
        </p>
      </div>
    </Page>
  );
}
