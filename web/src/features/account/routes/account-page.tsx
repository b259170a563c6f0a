import { Page } from '../../../components/page.js';
import { ROLE_LABELS, useCurrentUser } from '../../../lib/auth.js';
import { ChangeEmailForm } from '../components/change-email-form.js';
import { ChangePasswordForm } from '../components/change-password-form.js';
import { OrganisationNotice } from '../components/organisation-notice.js';
import { ProfileForm } from '../components/profile-form.js';
import { SessionsList } from '../components/sessions-list.js';

export function AccountPage() {
  const user = useCurrentUser();
  return (
    <Page
      title="Account settings"
      intro={
        <>
          Signed in as <strong>{user.email}</strong> · {ROLE_LABELS[user.role]}
          {user.organisation ? <> · {user.organisation.name}</> : null}
        </>
      }
    >
      <div className="stack">
        {user.organisation ? <OrganisationNotice organisation={user.organisation} /> : null}
        <ProfileForm user={user} />
        <ChangePasswordForm email={user.email} />
        <ChangeEmailForm email={user.email} verified={user.emailVerified} />
        <SessionsList />
      </div>
    </Page>
  );
}
