import { randomUUID } from 'node:crypto';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUserContactByEmail } from '../accounts/index.js';
import { requireOrgAdmin } from './org-access.js';
import { orgNotice } from './org-notice.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgsErrors } from './orgs.errors.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import type { OrgsTables } from './orgs.tables.js';
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
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrgsTables>(work);
    const { org, actor } = await requireOrgAdmin(work, principal, orgId);
    const existing = await findUserContactByEmail(work, email);
    if (existing && (await store.findMember(db, orgId, existing.id))) throw orgsErrors.alreadyMember();
    await store.deletePendingInvitations(db, orgId, email);
    const { token, hash } = createSecretToken();
    await store.insertInvitation(db, { id, org_id: orgId, email, token_hash: hash, invited_by: principal.userId, created_at: now, expires_at: expiresAt, accepted_at: null });
    await work.audit({
      actor,
      action: 'orgs.member_invited',
      subjectId: existing?.id ?? null,
      target: { type: 'organisation_invitation', id },
      details: { orgId },
    });
    const inviter = await findUserContact(work, principal.userId);
    const link = `${deps.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const message = orgsMails.invitation(org.name, inviter?.name ?? 'An administrator', link, INVITATION_DAYS);
    await work.mail({ to: email, userId: existing?.id ?? null, ...message });
  });
  return { id, expiresAt };
}

/** The signed-in person whose address the invitation was sent to joins; the link then stops working. */
export async function acceptInvitation(deps: OrgsDeps, principal: Principal, token: string, ctx: RequestContext) {
  const now = deps.now();
  const org = await deps.uow
    .run(byPrincipal(principal, ctx), async (work) => {
      const db = tablesOf<OrgsTables>(work);
      // Consumed first, atomically; any refusal below rolls the consumption back with the rest.
      const invitation = await store.consumeInvitation(db, hashToken(token), now);
      if (!invitation) throw orgsErrors.badInvitation();
      const user = await findUserContact(work, principal.userId);
      if (!user) throw orgsErrors.badInvitation();
      if (user.email.toLowerCase() !== invitation.email) throw orgsErrors.invitationForSomeoneElse();
      const current = await store.findMembershipOfUser(db, user.id);
      if (current) throw current.id === invitation.org_id ? orgsErrors.alreadyMember() : orgsErrors.alreadyInAnotherOrg();
      const org = await store.lockOrganisation(db, invitation.org_id);
      if (!org) throw orgsErrors.badInvitation();
      await store.insertMember(db, { org_id: org.id, user_id: user.id, role: 'member', status: 'active', joined_at: now });
      await work.audit({
        action: 'orgs.member_joined',
        subjectId: user.id,
        target: { type: 'organisation_invitation', id: invitation.id },
        details: { orgId: org.id, via: 'invitation' },
      });
      await work.mail({ to: user.email, userId: user.id, ...orgsMails.joinedByInvitation(user.name, org.name) });
      return org;
    })
    .catch(rethrowUniqueViolation);
  return { id: org.id, name: org.name, role: 'member' as const, notice: orgNotice(org.name) };
}
