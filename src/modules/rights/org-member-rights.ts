import type { Principal, RequestContext } from '../../platform/http/index.js';
import { requireOrgAdmin } from '../orgs/index.js';
import { recordAudit } from '../audit/index.js';
import { presentExport, queueExport } from './data-exports.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import { startErasure } from './run-erasure.js';
import * as store from './rights.store.js';

/**
 * Seed 002: an organisation's administrators control their members' accounts and data. They may
 * export or erase a member's data; the member is told by e-mail (for an erasure, by the certificate).
 * Someone outside the organisation gets the same 404 whether or not the member exists.
 */
async function requireMember(deps: RightsDeps, p: Principal, orgId: string, userId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireOrgAdmin(trx, p, orgId);
    const member = await trx.selectFrom('organisation_members').select(['user_id', 'role']).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
    if (!member || userId === p.userId) throw rightsErrors.memberNotFound();
    const user = await store.findUser(trx, userId);
    // A platform administrator's account is not an organisation's to erase.
    if (!user || (user.role === 'admin' && !access.asPlatformAdmin)) throw rightsErrors.memberNotFound();
    return { access, user };
  });
}

export async function exportMember(deps: RightsDeps, p: Principal, orgId: string, userId: string, ctx: RequestContext) {
  const { access, user } = await requireMember(deps, p, orgId, userId);
  const { id, deliver } = await deps.db.transaction().execute(async (trx) => {
    // An export built while the account is being erased would hold half of it, and outlive it.
    if (await store.findOpenErasureOf(trx, userId)) throw rightsErrors.erasureRunning();
    const queued = await queueExport(trx, deps, { userId, actor: access.actor, requestId: ctx.requestId });
    const deliver = await deps.mail.enqueue(trx, {
      to: user.email,
      userId,
      kind: 'rights.member_export_notice',
      subject: `An administrator of ${access.org.name} asked for a copy of your data`,
      text: `An administrator of ${access.org.name}, the organisation your account belongs to, asked for an export of the data we hold about your account. Organisation administrators may do this (see our privacy policy). You can ask for your own copy on your privacy page.`,
    });
    return { id: queued.id, deliver };
  });
  await deliver();
  return { exportId: id };
}

export async function eraseMember(deps: RightsDeps, p: Principal, orgId: string, userId: string, ctx: RequestContext) {
  const { access } = await requireMember(deps, p, orgId, userId);
  return deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: deps.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    const { erasureId } = await startErasure(trx, deps, { userId, origin: 'org_admin', actor: access.actor, requestId: ctx.requestId });
    return { erasureId };
  });
}

/**
 * What this administrator asked for about the organisation's current members: the exports they
 * requested (only the requester may download one) and the erasures still under way. The members'
 * names are a read of their data, so a non-empty answer is audited like the member list.
 */
export async function listMemberRights(deps: RightsDeps, p: Principal, orgId: string, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const { actor } = await requireOrgAdmin(trx, p, orgId);
    const exports = await trx
      .selectFrom('data_exports')
      .innerJoin('organisation_members', (join) => join.onRef('organisation_members.user_id', '=', 'data_exports.user_id').on('organisation_members.org_id', '=', orgId))
      .innerJoin('users', 'users.id', 'data_exports.user_id')
      .select(['data_exports.id', 'data_exports.user_id', 'users.name', 'data_exports.status', 'data_exports.size_bytes', 'data_exports.created_at', 'data_exports.completed_at', 'data_exports.downloaded_at'])
      .where('data_exports.requested_by', '=', p.userId)
      .orderBy('data_exports.created_at', 'desc')
      .orderBy('data_exports.id')
      .limit(50)
      .execute();
    const erasures = await trx
      .selectFrom('erasures')
      .innerJoin('organisation_members', 'organisation_members.user_id', 'erasures.user_id')
      .select(['organisation_members.user_id', 'erasures.created_at'])
      .where('organisation_members.org_id', '=', orgId)
      .where('erasures.status', '!=', 'completed')
      .execute();
    if (exports.length > 0) {
      await recordAudit(trx, deps, {
        actor,
        action: 'rights.member_exports_listed',
        target: { type: 'organisation', id: orgId },
        requestId: ctx.requestId,
        details: { orgId, userIds: [...new Set(exports.map((e) => e.user_id))], exportIds: exports.map((e) => e.id) },
      });
    }
    return {
      exports: exports.map((e) => ({ ...presentExport(e), userId: e.user_id, memberName: e.name })),
      erasures: erasures.map((e) => ({ userId: e.user_id, requestedAt: e.created_at })),
    };
  });
}
