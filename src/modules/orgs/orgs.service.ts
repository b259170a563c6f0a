import type { Principal, RequestContext } from '../accounts/index.js';
import { createOrganisation, listOrganisations } from './create-organisation.js';
import { acceptInvitation, inviteMember } from './invitations.js';
import { listMembers, removeMember, setMemberStatus } from './members.js';
import { myOrganisation, organisationOf } from './membership.js';
import type { OrgsDeps } from './orgs.deps.js';
import type { TCreateOrg } from './orgs.schema.js';

export type OrgsService = ReturnType<typeof createOrgsService>;
type Page = { limit: number; offset: number };

/** The organisation use-cases bound to their dependencies; each lives in its own file. */
export function createOrgsService(deps: OrgsDeps) {
  return {
    create: (p: Principal, input: TCreateOrg, ctx: RequestContext) => createOrganisation(deps, p, input, ctx),
    list: (page: Page) => listOrganisations(deps, page),
    mine: (p: Principal) => myOrganisation(deps, p),
    organisationOf: (userId: string) => organisationOf(deps, userId),
    listMembers: (p: Principal, orgId: string, page: Page, ctx: RequestContext) => listMembers(deps, p, orgId, page, ctx),
    invite: (p: Principal, orgId: string, email: string, ctx: RequestContext) => inviteMember(deps, p, orgId, email, ctx),
    acceptInvitation: (p: Principal, token: string, ctx: RequestContext) => acceptInvitation(deps, p, token, ctx),
    suspend: (p: Principal, orgId: string, userId: string, ctx: RequestContext) => setMemberStatus(deps, p, orgId, userId, 'suspended', ctx),
    reactivate: (p: Principal, orgId: string, userId: string, ctx: RequestContext) => setMemberStatus(deps, p, orgId, userId, 'active', ctx),
    remove: (p: Principal, orgId: string, userId: string, ctx: RequestContext) => removeMember(deps, p, orgId, userId, ctx),
  };
}
