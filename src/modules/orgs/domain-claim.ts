import type { Queryable } from '../../platform/db/index.js';
import type { AccountsDb } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import type { OrgsDb, OrgsDeps } from './orgs.deps.js';
import { orgsMails } from './orgs.mails.js';
import * as store from './orgs.store.js';
import { domainOf } from './public-mail-domains.js';

export type EmailVerifiedHook = (trx: Queryable<AccountsDb>, user: { id: string; email: string }) => Promise<void>;

/**
 * For accounts' `onEmailVerified`: a verified address at a claimed domain joins its organisation,
 * in the verification's own transaction, and the person is told what that means for them.
 * A person already in an organisation stays where they are (one organisation per account).
 */
export function createOrgDomainClaimHook(deps: Pick<OrgsDeps, 'mail' | 'now'>): EmailVerifiedHook {
  return async (accountsTrx, user) => {
    // The hook runs on the installation's one database, which holds the organisation tables too;
    // accounts only knows its own slice of the schema.
    const trx = accountsTrx as unknown as Queryable<OrgsDb>;
    const domain = domainOf(user.email);
    const [claim] = await store.findDomainClaims(trx, [domain]);
    if (!claim) return;
    if (await store.findMembershipOfUser(trx, user.id)) return;
    const person = await store.findUser(trx, user.id);
    if (!person) return;
    await store.insertMember(trx, { org_id: claim.org_id, user_id: user.id, role: 'member', status: 'active', joined_at: deps.now() });
    await recordAudit(trx, deps, {
      actor: SYSTEM_ACTOR,
      action: 'orgs.member_joined',
      subjectId: user.id,
      target: { type: 'organisation', id: claim.org_id },
      details: { orgId: claim.org_id, via: 'domain_claim', domain },
    });
    // Written to the outbox in this transaction, so the notice exists exactly when the membership
    // does. Delivering it over SMTP needs a post-commit step that the hook signature does not offer.
    await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...orgsMails.joinedByDomain(person.name, claim.org_name, domain) });
  };
}
