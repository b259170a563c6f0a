import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUsersContact } from '../accounts/index.js';
import { requireOrgAdmin } from './org-access.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgsErrors } from './orgs.errors.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import type { MemberStatus, OrgsTables } from './orgs.tables.js';

type Member = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** A member of the organisation with who they are (name, address, platform role), or undefined. */
async function findMember(work: Work, orgId: string, userId: string) {
  const member = await store.findMember(tablesOf<OrgsTables>(work), orgId, userId);
  const user = member && (await findUserContact(work, userId));
  if (!member || !user) return undefined;
  return { ...member, name: user.name, email: user.email, platform_role: user.role };
}

/** An admin reads the members' names and addresses: audited as one entry naming every member shown. */
export async function listMembers(deps: OrgsDeps, principal: Principal, orgId: string, opts: { limit: number; offset: number }, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrgsTables>(work);
    const { actor } = await requireOrgAdmin(work, principal, orgId);
    const page = await store.listMembers(db, orgId, opts);
    const users = new Map((await findUsersContact(work, page.map((m) => m.user_id))).map((u) => [u.id, u]));
    const members = page.flatMap((m) => {
      const user = users.get(m.user_id);
      return user ? [{ ...m, name: user.name, email: user.email }] : [];
    });
    const invitations = await store.listPendingInvitations(db, orgId, deps.now());
    await work.audit({
      actor,
      action: 'orgs.members_listed',
      target: { type: 'organisation', id: orgId },
      details: { orgId, userIds: members.map((m) => m.user_id), invitationIds: invitations.map((i) => i.id) },
    });
    return {
      members: members.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role, status: m.status, joinedAt: m.joined_at })),
      invitations: invitations.map((i) => ({ id: i.id, email: i.email, createdAt: i.created_at, expiresAt: i.expires_at })),
    };
  });
}

/** An organisation must keep someone who can run it: its last active admin cannot leave on their own. */
async function guardLastAdmin(work: Work, principal: Principal, orgId: string, member: Member) {
  if (member.user_id !== principal.userId || member.role !== 'admin' || member.status !== 'active') return;
  if ((await store.countActiveAdmins(tablesOf<OrgsTables>(work), orgId)) <= 1) throw orgsErrors.lastAdmin();
}

/**
 * Membership and account change in two units of work because account status belongs to accounts:
 * the membership first (checks, audit, notice), then the account (status, sessions, its own audit).
 * Repeating a suspension after a failure in between completes it.
 */
export async function setMemberStatus(deps: OrgsDeps, principal: Principal, orgId: string, userId: string, status: MemberStatus, ctx: RequestContext) {
  const { actor, changed } = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { org, actor, asPlatformAdmin } = await requireOrgAdmin(work, principal, orgId, { lock: true });
    const member = await findMember(work, orgId, userId);
    if (!member) throw orgsErrors.memberNotFound();
    // Organisations control their members' accounts, not the operator's own administrators.
    if (member.platform_role === 'admin' && !asPlatformAdmin) throw orgsErrors.protectedAccount();
    if (status === 'suspended') await guardLastAdmin(work, principal, orgId, member);
    if (member.status === status) return { actor, changed: false };
    await store.setMemberStatus(tablesOf<OrgsTables>(work), orgId, userId, status);
    await work.audit({
      actor,
      action: status === 'suspended' ? 'orgs.member_suspended' : 'orgs.member_reactivated',
      subjectId: userId,
      target: { type: 'organisation', id: orgId },
      details: { orgId },
    });
    const message = status === 'suspended' ? orgsMails.suspended(member.name, org.name) : orgsMails.reactivated(member.name, org.name);
    await work.mail({ to: member.email, userId, ...message });
    return { actor, changed: true };
  });
  // A repeated suspension re-applies the account side (fail closed); a reactivation that changed
  // nothing here must not lift a suspension the platform's administrators imposed for their reasons.
  if (changed || status === 'suspended') await deps.accounts.setUserStatus(actor, userId, status, ctx);
}

/** Ends the membership and what it gave (the hooks: licence seats); the account itself stays as it is, and its owner is told. */
export async function removeMember(deps: OrgsDeps, principal: Principal, orgId: string, userId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { org, actor } = await requireOrgAdmin(work, principal, orgId, { lock: true });
    const member = await findMember(work, orgId, userId);
    if (!member) throw orgsErrors.memberNotFound();
    await guardLastAdmin(work, principal, orgId, member);
    await store.deleteMember(tablesOf<OrgsTables>(work), orgId, userId);
    for (const hook of deps.onMemberRemoved ?? []) await hook(work, { orgId, userId, actor });
    await work.audit({
      actor,
      action: 'orgs.member_removed',
      subjectId: userId,
      target: { type: 'organisation', id: orgId },
      details: { orgId, role: member.role },
    });
    await work.mail({ to: member.email, userId, ...orgsMails.removed(member.name, org.name) });
  });
}
