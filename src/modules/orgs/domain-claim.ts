import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import type { OrgsTables } from './orgs.tables.js';
import { domainOf } from './public-mail-domains.js';

export type EmailVerifiedHook = (work: Work, user: { id: string; email: string }) => Promise<void>;

/**
 * For accounts' `onEmailVerified`: a verified address at a claimed domain joins its organisation,
 * in the verification's own work, and the person is told what that means for them (the notice is
 * written with the membership and delivered once it is committed).
 * A person already in an organisation stays where they are (one organisation per account).
 */
export function createOrgDomainClaimHook(deps: Pick<OrgsDeps, 'now'>): EmailVerifiedHook {
  return async (work, user) => {
    const db = tablesOf<OrgsTables>(work);
    const domain = domainOf(user.email);
    const [claim] = await store.findDomainClaims(db, [domain]);
    if (!claim) return;
    if (await store.findMembershipOfUser(db, user.id)) return;
    const person = await findUserContact(work, user.id);
    if (!person) return;
    await store.insertMember(db, { org_id: claim.org_id, user_id: user.id, role: 'member', status: 'active', joined_at: deps.now() });
    await work.audit({
      actor: SYSTEM_ACTOR,
      action: 'orgs.member_joined',
      subjectId: user.id,
      target: { type: 'organisation', id: claim.org_id },
      details: { orgId: claim.org_id, via: 'domain_claim', domain },
    });
    await work.mail({ to: user.email, userId: user.id, ...orgsMails.joinedByDomain(person.name, claim.org_name, domain) });
  };
}
