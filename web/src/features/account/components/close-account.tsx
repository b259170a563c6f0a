import { ConfirmForm } from '../../../components/confirm-form.js';
import { Section } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { useForm } from '../../../lib/form.js';
import { useNavigate } from '../../../lib/router.js';
import { closeMyAccount, rememberClosure } from '../api/account-api.js';

/**
 * Closing is not erasing: the account is archived for the period our privacy policy states, then
 * erased. Two steps, like deleting; afterwards the person lands on what is kept and until when.
 */
export function CloseAccount() {
  const form = useForm();
  const { signOut } = useAuth();
  const navigate = useNavigate();

  const close = async () => {
    const closed = await closeMyAccount();
    rememberClosure(closed);
    // The server ended every session; forgetting it here keeps the app from asking for pages that are gone.
    await signOut();
    navigate('/account/closed', { replace: true });
  };

  return (
    <Section
      title="Close my account"
      description="You are signed out and can no longer sign in. We keep your data archived for the period our privacy policy states (you will get an e-mail listing what is kept and until when), then erase it. To have it erased now instead, use “Delete my account” on the My data page."
    >
      <ConfirmForm form={form} action={close} openLabel="Close my account…" submitLabel="Close my account now" busyLabel="Closing…">
        <p>Closing cannot be undone: to use Meshvault again you would open a new account.</p>
      </ConfirmForm>
    </Section>
  );
}
