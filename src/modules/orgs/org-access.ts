import { tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { AppError } from '../../platform/errors/index.js';
import { orgsErrors } from './orgs.errors.js';
import type { OrgsTables } from './orgs.tables.js';
import * as store from './orgs.store.js';

export type OrgAdminAccess = {
  org: { id: string; name: string };
  /** How the actor appears in the audit trail: a platform admin, or an admin of this organisation. */
  actor: TActor;
  asPlatformAdmin: boolean;
};

/**
 * The permission policy of every organisation-admin action. Someone outside the organisation gets
 * the same 404 whether or not it exists; a plain member gets 403. With `lock`, the organisation row
 * is locked for the work's transaction so membership changes to it are serialised.
 */
export async function requireOrgAdmin(work: Work, principal: Principal, orgId: string, opts: { lock?: boolean } = {}): Promise<OrgAdminAccess> {
  const db = tablesOf<OrgsTables>(work);
  const load = () => (opts.lock ? store.lockOrganisation(db, orgId) : store.findOrganisation(db, orgId));
  if (principal.role === 'admin') {
    const org = await load();
    if (!org) throw orgsErrors.orgNotFound();
    return { org, actor: { id: principal.userId, role: 'admin' }, asPlatformAdmin: true };
  }
  const membership = await store.findMembershipOfUser(db, principal.userId);
  if (membership?.id !== orgId) throw orgsErrors.orgNotFound();
  const refusal = orgAdminRefusal(membership);
  if (refusal) throw refusal;
  const org = await load();
  if (!org) throw orgsErrors.orgNotFound();
  return { org, actor: { id: principal.userId, role: 'org_admin' }, asPlatformAdmin: false };
}

/** Why this membership may not administer its organisation, or null when it may: only its active admins do. */
export function orgAdminRefusal(membership: { role: string; status: string }): AppError | null {
  return membership.role !== 'admin' || membership.status !== 'active' ? orgsErrors.notOrgAdmin() : null;
}

/** Whether the person may manage the members of the organisation they belong to, as requireOrgAdmin decides. */
export function mayManageMembers(principal: Principal, membership: { role: string; status: string }): boolean {
  return principal.role === 'admin' || orgAdminRefusal(membership) === null;
}
