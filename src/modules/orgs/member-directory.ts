import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './member-directory.store.js';
import { findMembershipOfUser } from './orgs.store.js';
import type { OrgsTables } from './orgs.tables.js';

/** For other modules, inside their work: an organisation's members as the data-rights modules need them. */

/** The membership of `userId` in the organisation (any status), or undefined. */
export async function findOrgMember(work: Work, orgId: string, userId: string) {
  return store.findMemberRole(tablesOf<OrgsTables>(work), orgId, userId);
}

/** The ids of everyone with a membership row in the organisation (any status). */
export async function listOrgMemberIds(work: Work, orgId: string): Promise<string[]> {
  return store.listMemberIds(tablesOf<OrgsTables>(work), orgId);
}

/** The organisation whose member `userId` is (its id and name, their role), or undefined. */
export async function findOrganisationOfUser(work: Work, userId: string) {
  const membership = await findMembershipOfUser(tablesOf<OrgsTables>(work), userId);
  return membership ? { orgId: membership.id, name: membership.name, role: membership.role } : undefined;
}
