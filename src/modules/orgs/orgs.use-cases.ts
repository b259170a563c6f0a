import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { createOrganisation, listOrganisations } from './create-organisation.js';
import { acceptInvitation, inviteMember } from './invitations.js';
import { listMembers, removeMember, setMemberStatus } from './members.js';
import { myOrganisation, organisationOf } from './membership.js';
import type { OrgsDeps } from './orgs.deps.js';

/** The organisation use-cases, each in its own file; the app binds them to their dependencies once. */
export const orgsUseCases = {
  create: createOrganisation,
  list: listOrganisations,
  mine: myOrganisation,
  organisationOf,
  listMembers,
  invite: inviteMember,
  acceptInvitation,
  setMemberStatus,
  remove: removeMember,
};

export type OrgsService = BoundUseCases<OrgsDeps, typeof orgsUseCases>;
