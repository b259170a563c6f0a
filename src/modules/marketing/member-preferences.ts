import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { findUsersContact } from '../accounts/index.js';
import { listOrgMemberIds, requireOrgAdmin } from '../orgs/index.js';
import type { MarketingDeps } from './marketing.deps.js';
import { marketingErrors } from './marketing.errors.js';
import { preferencesOf } from './preferences.js';

/**
 * Where the policy lets organisations administer their members' privacy settings (`rights.methods:
 * organisation_admin`, seed 002), the organisation's admins see each member's marketing choices.
 * A read of other people's data: audited with every member it shows.
 */
export async function memberMarketingPreferences(deps: MarketingDeps, principal: Principal, orgId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { manifest } = await deps.policy.inWork(work);
    if (!manifest.rights.methods.includes('organisation_admin')) throw marketingErrors.orgAdminsNotGranted();
    await requireOrgAdmin(work, principal, orgId);
    const members = await findUsersContact(work, await listOrgMemberIds(work, orgId));
    const shown = [];
    for (const member of members) {
      const prefs = await preferencesOf(deps, work, member.id);
      shown.push({ userId: member.id, name: member.name, email: member.email, choices: prefs.choices, interestBasedAds: prefs.interestBasedAds });
    }
    await work.audit({ action: 'marketing.member_preferences_read', target: { type: 'organisation', id: orgId }, details: { members: shown.map((m) => m.userId) } });
    return { members: shown };
  });
}
