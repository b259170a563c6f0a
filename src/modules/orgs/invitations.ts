import { randomUUID } from 'node:crypto';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { requireOrgAdmin } from './org-access.js';
import { orgNotice } from './org-notice.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgsErrors } from './orgs.errors.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import { rethrowUniqueViolation } from './unique-violation.js';

const INVITATION_DAYS = 7;

/**
 * E-mails a one-time link to join the organisation. Whether the address has an account, or belongs
 * to another organisation, is not revealed here: that is settled when the link is accepted.
 */
export async function inviteMember(deps: OrgsDeps, principal: Principal, orgId: string, email: string, ctx: RequestContext) {
  const now = deps.now();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000);
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const { org, actor } = await requireOrgAdmin(trx, principal, orgId);
    const existing = await store.findUserByEmail(trx, email);
    if (existing && (await store.findMember(trx, orgId, existing.id))) throw orgsErrors.alreadyMember();
    await store.deletePendingInvitations(trx, orgId, email);
    const { token, hash } = createSecretToken();
    await store.insertInvitation(trx, { id, org_id: orgId, email, token_hash: hash, invited_by: principal.userId, created_at: now, expires_at: expiresAt, accepted_at: null });
    await recordAudit(trx, deps, {
      actor,
      action: 'orgs.member_invited',
      subjectId: existing?.id ?? null,
      target: { type: 'organisation_invitation', id },
      requestId: ctx.requestId,
      details: { orgId },
    });
    const inviter = await store.findUser(trx, principal.userId);
    const link = `${deps.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const message = orgsMails.invitation(org.name, inviter?.name ?? 'An administrator', link, INVITATION_DAYS);
    return [await deps.mail.enqueue(trx, { to: email, userId: existing?.id ?? null, ...message })];
  });
  for (const deliver of deliveries) await deliver();
  return { id, expiresAt };
}

/** The signed-in person whose address the invitation was sent to joins; the link then stops working. */
export async function acceptInvitation(deps: OrgsDeps, principal: Principal, token: string, ctx: RequestContext) {
  const now = deps.now();
  const { org, deliveries } = await deps.db
    .transaction()
    .execute(async (trx) => {
      // Consumed first, atomically; any refusal below rolls the consumption back with the rest.
      const invitation = await store.consumeInvitation(trx, hashToken(token), now);
      if (!invitation) throw orgsErrors.badInvitation();
      const user = await store.findUser(trx, principal.userId);
      if (!user) throw orgsErrors.badInvitation();
      if (user.email.toLowerCase() !== invitation.email) throw orgsErrors.invitationForSomeoneElse();
      const current = await store.findMembershipOfUser(trx, user.id);
      if (current) throw current.id === invitation.org_id ? orgsErrors.alreadyMember() : orgsErrors.alreadyInAnotherOrg();
      const org = await store.lockOrganisation(trx, invitation.org_id);
      if (!org) throw orgsErrors.badInvitation();
      await store.insertMember(trx, { org_id: org.id, user_id: user.id, role: 'member', status: 'active', joined_at: now });
      await recordAudit(trx, deps, {
        actor: { id: user.id, role: principal.role },
        action: 'orgs.member_joined',
        subjectId: user.id,
        target: { type: 'organisation_invitation', id: invitation.id },
        requestId: ctx.requestId,
        details: { orgId: org.id, via: 'invitation' },
      });
      return { org, deliveries: [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...orgsMails.joinedByInvitation(user.name, org.name) })] };
    })
    .catch(rethrowUniqueViolation);
  for (const deliver of deliveries) await deliver();
  return { id: org.id, name: org.name, role: 'member' as const, notice: orgNotice(org.name) };
}
