import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUsersContact, revokeAllSessions } from '../accounts/index.js';
import { listExportsRequestedBy } from '../data-export/index.js';
import { isBeingErased, listErasuresUnderWay } from '../erasure/index.js';
import { findOrgMember, listOrgMemberIds, requireOrgAdmin } from '../orgs/index.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import { rightsMails } from './rights.mails.js';

/**
 * Seed 002: an organisation's administrators control their members' accounts and data. They may
 * export or erase a member's data; the member is told by e-mail (for an erasure, by the certificate).
 * Someone outside the organisation gets the same 404 whether or not the member exists.
 */
async function requireMember(deps: RightsDeps, p: Principal, orgId: string, userId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const access = await requireOrgAdmin(work, p, orgId);
    const member = await findOrgMember(work, orgId, userId);
    if (!member || userId === p.userId) throw rightsErrors.memberNotFound();
    const user = await findUserContact(work, userId);
    // A platform administrator's account is not an organisation's to erase.
    if (!user || (user.role === 'admin' && !access.asPlatformAdmin)) throw rightsErrors.memberNotFound();
    return { access, user };
  });
}

export async function exportMember(deps: RightsDeps, p: Principal, orgId: string, userId: string, ctx: RequestContext) {
  const { access, user } = await requireMember(deps, p, orgId, userId, ctx);
  const { id } = await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    // An export built while the account is being erased would hold half of it, and outlive it.
    if (await isBeingErased(work, userId)) throw rightsErrors.erasureRunning();
    const queued = await deps.exports.queueExport(work, { userId, actor: access.actor });
    await work.mail({ to: user.email, userId, ...rightsMails.memberExportNotice(access.org.name) });
    return queued;
  });
  return { exportId: id };
}

export async function eraseMember(deps: RightsDeps, p: Principal, orgId: string, userId: string, ctx: RequestContext) {
  const { access } = await requireMember(deps, p, orgId, userId, ctx);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    await revokeAllSessions(work, userId, deps.now());
    const { erasureId } = await deps.erasure.startErasure(work, { userId, origin: 'org_admin', actor: access.actor });
    return { erasureId };
  });
}

/**
 * What this administrator asked for about the organisation's current members: the exports they
 * requested (only the requester may download one) and the erasures still under way. The members'
 * names are a read of their data, so a non-empty answer is audited like the member list.
 */
export async function listMemberRights(deps: RightsDeps, p: Principal, orgId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const { actor } = await requireOrgAdmin(work, p, orgId);
    const memberIds = await listOrgMemberIds(work, orgId);
    const exports = await withMemberNames(work, await listExportsRequestedBy(work, p.userId, memberIds));
    const erasures = await listErasuresUnderWay(work, memberIds);
    if (exports.length > 0) {
      await work.audit({
        actor,
        action: 'rights.member_exports_listed',
        target: { type: 'organisation', id: orgId },
        details: { orgId, userIds: [...new Set(exports.map((e) => e.userId))], exportIds: exports.map((e) => e.id) },
      });
    }
    return {
      exports,
      erasures: erasures.map((e) => ({ userId: e.user_id!, requestedAt: e.created_at })),
    };
  });
}

async function withMemberNames<T extends { userId: string }>(work: Work, exports: T[]) {
  const names = new Map((await findUsersContact(work, [...new Set(exports.map((e) => e.userId))])).map((u) => [u.id, u.name]));
  // An export's account always exists (its row goes with the account); skip one that raced its erasure.
  return exports.flatMap((e) => (names.has(e.userId) ? [{ ...e, memberName: names.get(e.userId)! }] : []));
}
