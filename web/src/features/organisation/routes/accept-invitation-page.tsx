import { useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Page } from '../../../components/page.js';
import { useAuth, useCurrentUser } from '../../../lib/auth.js';
import { messageOf } from '../../../lib/form.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { acceptInvitation } from '../api/organisation-api.js';

/**
 * Joining hands control of the account to the organisation, so it is never done on page load:
 * the person reads what it means and presses the button themselves.
 */
export function AcceptInvitationPage() {
  const token = useSearchParam('token');
  const user = useCurrentUser();
  const { refresh } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ name: string; notice: string } | null>(null);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const { organisation } = await acceptInvitation(token ?? '');
      setJoined({ name: organisation.name, notice: organisation.notice });
      await refresh();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <Page title="Join an organisation" width="narrow">
        <Notice tone="warning" title="This link is incomplete">
          <p>Open the link from the invitation e-mail exactly as it was sent.</p>
        </Notice>
      </Page>
    );
  }

  if (joined) {
    return (
      <Page title={`You have joined ${joined.name}`} width="narrow">
        <div className="card">
          <StatusMessage>Your account is now part of {joined.name}.</StatusMessage>
          <p className="notice-text">{joined.notice}</p>
          <p>
            <Link to="/account">Go to your account</Link>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title="Join an organisation" width="narrow">
      <div className="card form">
        <FormAlert message={error} />
        <p>
          You have been invited to join an organisation with your account <strong>{user.email}</strong>.
        </p>
        <Notice tone="warning" title="What joining means">
          <p>
            The organisation’s administrators will control your account — they can suspend or remove it — and can access, export or erase the data in it. You can only belong to
            one organisation at a time.
          </p>
        </Notice>
        <div className="form-actions">
          <Button onClick={() => void accept()} busy={busy} busyLabel="Joining…">
            Accept invitation
          </Button>
          <Link to="/account">Not now</Link>
        </div>
      </div>
    </Page>
  );
}
