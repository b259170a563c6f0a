import type { Principal } from '../../platform/http/index.js';
import { mayManageMembers } from './org-access.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgNotice } from './org-notice.js';
import * as store from './orgs.store.js';

/** The caller's organisation, and whether they may manage its members (the web shows that page only then). */
export async function myOrganisation(deps: Pick<OrgsDeps, 'db'>, principal: Principal) {
  const m = await store.findMembershipOfUser(deps.db, principal.userId);
  return m ? { id: m.id, name: m.name, role: m.role, canManageMembers: mayManageMembers(principal, m) } : null;
}

/** For the account page: the organisation that controls this account, said in plain words. */
export async function organisationOf(deps: Pick<OrgsDeps, 'db'>, userId: string) {
  const m = await store.findMembershipOfUser(deps.db, userId);
  return m ? { id: m.id, name: m.name, role: m.role, notice: orgNotice(m.name) } : null;
}
