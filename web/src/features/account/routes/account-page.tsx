import { Loading, Page } from '../../../components/page.js';
import { useAccountOptions } from '../../../lib/account-options.js';
import { ROLE_LABELS, useCurrentUser } from '../../../lib/auth.js';
import { ChangeEmailForm } from '../components/change-email-form.js';
import { ChangePasswordForm } from '../components/change-password-form.js';
import { CloseAccount } from '../components/close-account.js';
import { OrganisationNotice } from '../components/organisation-notice.js';
import { ProfileForm } from '../components/profile-form.js';
import { SessionsList } from '../components/sessions-list.js';

export function AccountPage() {
  const user = useCurrentUser();
  // Only what the privacy policy declares: no password forms where people sign in by e-mailed link.
  const options = useAccountOptions();
  const usesPassword = options?.signIn === 'password';
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
        {/* The heading stands at once (focus moves to it); the forms wait for what the policy lets them ask. */}
        {options ? (
          <>
            <ProfileForm user={user} fields={options.profileFields} />
            {usesPassword ? <ChangePasswordForm email={user.email} /> : null}
            <ChangeEmailForm email={user.email} verified={user.emailVerified} asksPassword={usesPassword} />
            <SessionsList usesPassword={usesPassword} />
            <CloseAccount />
          </>
        ) : (
          <Loading />
        )}
      </div>
    </Page>
  );
}
