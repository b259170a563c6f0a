export { orgsUseCases, type OrgsService } from './orgs.use-cases.js';
export { registerOrgsRoutes, type OrgsRoutesDeps } from './orgs.routes.js';
export { createOrgDomainClaimHook, type EmailVerifiedHook } from './domain-claim.js';
export { orgNotice } from './org-notice.js';
export type { OrgsDeps } from './orgs.deps.js';
export { orgsData } from './personal-data.js';
export { requireOrgAdmin, type OrgAdminAccess } from './org-access.js';
export { findOrganisationOfUser, findOrgMember, listOrgMemberIds } from './member-directory.js';
