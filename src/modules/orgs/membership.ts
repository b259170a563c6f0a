import type { OrgsDeps } from './orgs.deps.js';
import { orgNotice } from './org-notice.js';
import * as store from './orgs.store.js';

export async function myOrganisation(deps: Pick<OrgsDeps, 'db'>, userId: string) {
  const m = await store.findMembershipOfUser(deps.db, userId);
  return m ? { id: m.id, name: m.name, role: m.role } : null;
}

/** For the account page: the organisation that controls this account, said in plain words. */
export async function organisationOf(deps: Pick<OrgsDeps, 'db'>, userId: string) {
  const m = await store.findMembershipOfUser(deps.db, userId);
  return m ? { id: m.id, name: m.name, role: m.role, notice: orgNotice(m.name) } : null;
}
