import { AppError } from '../../platform/errors/index.js';

export const orgsErrors = {
  // One answer for "does not exist" and "not yours": an organisation's existence is not revealed.
  orgNotFound: () => new AppError('not_found', 'No such organisation.'),
  memberNotFound: () => new AppError('not_found', 'No such member in this organisation.'),
  notOrgAdmin: () => new AppError('forbidden', 'Only an administrator of this organisation can do this.'),
  domainTaken: (domain: string, orgName: string) =>
    new AppError('conflict', `The domain ${domain} is already claimed by the organisation "${orgName}". A domain can belong to one organisation only.`, { domain }),
  domainPublic: (domain: string) =>
    new AppError('unprocessable', `${domain} is a public e-mail provider: claiming it would put every one of its users in this organisation. Claim the organisation's own domain instead.`, { domain }),
  adminUnknown: () =>
    new AppError('unprocessable', 'No account uses the admin e-mail address. Ask the person to sign up first, or create the organisation without an admin.'),
  alreadyInAnotherOrg: () =>
    new AppError('conflict', 'This person already belongs to another organisation. An account can belong to one organisation only: they must be removed from the other one first.'),
  alreadyMember: () => new AppError('conflict', 'This person is already a member of this organisation.'),
  lastAdmin: () =>
    new AppError('conflict', 'You are the last active administrator of this organisation, so you cannot suspend or remove yourself. Ask the platform administrator to appoint another administrator first.'),
  protectedAccount: () =>
    new AppError('forbidden', "This member is an administrator of the platform: only another platform administrator can suspend their account."),
  badInvitation: () =>
    new AppError('bad_request', 'This invitation link is invalid, has expired or was already used. Ask your organisation administrator for a new one.'),
  invitationForSomeoneElse: () =>
    new AppError('forbidden', 'This invitation was sent to another e-mail address. Sign in with the account that uses that address.'),
};
