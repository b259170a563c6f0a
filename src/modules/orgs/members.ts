import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { requireOrgAdmin } from './org-access.js';
import type { OrgsDb, OrgsDeps } from './orgs.deps.js';
import { orgsErrors } from './orgs.errors.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import type { MemberStatus } from './orgs.tables.js';

type Member = NonNullable<Awaited<ReturnType<typeof store.findMember>>>;

/** An admin reads the members' names and addresses: audited as one entry naming every member shown. */
export async function listMembers(deps: OrgsDeps, principal: Principal, orgId: string, opts: { limit: number; offset: number }, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const { actor } = await requireOrgAdmin(trx, principal, orgId);
    const members = await store.listMembers(trx, orgId, opts);
    const invitations = await store.listPendingInvitations(trx, orgId, deps.now());
    await recordAudit(trx, deps, {
      actor,
      action: 'orgs.members_listed',
      target: { type: 'organisation', id: orgId },
      requestId: ctx.requestId,
      details: { orgId, userIds: members.map((m) => m.user_id), invitationIds: invitations.map((i) => i.id) },
    });
    return {
      members: members.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role, status: m.status, joinedAt: m.joined_at })),
      invitations: invitations.map((i) => ({ id: i.id, email: i.email, createdAt: i.created_at, expiresAt: i.expires_at })),
    };
  });
}

/** An organisation must keep someone who can run it: its last active admin cannot leave on their own. */
async function guardLastAdmin(trx: Queryable<OrgsDb>, principal: Principal, orgId: string, member: Member) {
  if (member.user_id !== principal.userId || member.role !== 'admin' || member.status !== 'active') return;
  if ((await store.countActiveAdmins(trx, orgId)) <= 1) throw orgsErrors.lastAdmin();
}

/**
 * Membership and account change in two transactions because account status belongs to accounts:
 * the membership first (checks, audit, notice), then the account (status, sessions, its own audit).
 * Repeating a suspension after a failure in between completes it.
 */
export async function setMemberStatus(deps: OrgsDeps, principal: Principal, orgId: string, userId: string, status: MemberStatus, ctx: RequestContext) {
  const { actor, changed, deliveries } = await deps.db.transaction().execute(async (trx) => {
    const { org, actor, asPlatformAdmin } = await requireOrgAdmin(trx, principal, orgId, { lock: true });
    const member = await store.findMember(trx, orgId, userId);
    if (!member) throw orgsErrors.memberNotFound();
    // Organisations control their members' accounts, not the operator's own administrators.
    if (member.platform_role === 'admin' && !asPlatformAdmin) throw orgsErrors.protectedAccount();
    if (status === 'suspended') await guardLastAdmin(trx, principal, orgId, member);
    if (member.status === status) return { actor, changed: false, deliveries: [] };
    await store.setMemberStatus(trx, orgId, userId, status);
    await recordAudit(trx, deps, {
      actor,
      action: status === 'suspended' ? 'orgs.member_suspended' : 'orgs.member_reactivated',
      subjectId: userId,
      target: { type: 'organisation', id: orgId },
      requestId: ctx.requestId,
      details: { orgId },
    });
    const message = status === 'suspended' ? orgsMails.suspended(member.name, org.name) : orgsMails.reactivated(member.name, org.name);
    return { actor, changed: true, deliveries: [await deps.mail.enqueue(trx, { to: member.email, userId, ...message })] };
  });
  // A repeated suspension re-applies the account side (fail closed); a reactivation that changed
  // nothing here must not lift a suspension the platform's administrators imposed for their reasons.
  if (changed || status === 'suspended') await deps.accounts.setUserStatus(actor, userId, status, ctx);
  for (const deliver of deliveries) await deliver();
}

/** Ends the membership; the account itself stays as it is, and its owner is told. */
export async function removeMember(deps: OrgsDeps, principal: Principal, orgId: string, userId: string, ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const { org, actor } = await requireOrgAdmin(trx, principal, orgId, { lock: true });
    const member = await store.findMember(trx, orgId, userId);
    if (!member) throw orgsErrors.memberNotFound();
    await guardLastAdmin(trx, principal, orgId, member);
    await store.deleteMember(trx, orgId, userId);
    await recordAudit(trx, deps, {
      actor,
      action: 'orgs.member_removed',
      subjectId: userId,
      target: { type: 'organisation', id: orgId },
      requestId: ctx.requestId,
      details: { orgId, role: member.role },
    });
    return [await deps.mail.enqueue(trx, { to: member.email, userId, ...orgsMails.removed(member.name, org.name) })];
  });
  for (const deliver of deliveries) await deliver();
}
