export { createOrgsService, type OrgsService } from './orgs.service.js';
export { registerOrgsRoutes, type OrgsRoutesDeps } from './orgs.routes.js';
export { createOrgDomainClaimHook, type EmailVerifiedHook } from './domain-claim.js';
export { orgNotice } from './org-notice.js';
export type { OrgsDeps } from './orgs.deps.js';
export type { OrgsTables } from './orgs.tables.js';
export { orgsData } from './personal-data.js';
export { requireOrgAdmin, type OrgAdminAccess } from './org-access.js';
export { requireOrgAdminIn, findOrgMember, listOrgMemberIds } from './member-directory.js';
