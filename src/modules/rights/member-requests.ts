import { AppError } from '../../platform/errors/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { findUsersContact } from '../accounts/index.js';
import { listOrgMemberIds, requireOrgAdmin } from '../orgs/index.js';
import { listRequestsOf } from '../rights-requests/index.js';
import type { RightsDeps } from './rights.deps.js';

/**
 * Seed 002: where the policy names the organisation's administrator as a way to act on one's data
 * (`rights.methods: organisation_admin`), the administrators see their members' privacy requests
 * (what was asked, its status and deadline; not the messages). Members are told so when a request is
 * filed. Reading them reads the members' data: audited.
 */
export async function listMemberRequests(deps: RightsDeps, p: Principal, orgId: string, ctx: RequestContext) {
  const active = await deps.policy.current();
  if (!active.manifest.rights.methods.includes('organisation_admin')) {
    throw new AppError('forbidden', "This installation's privacy policy does not let organisation administrators see their members' privacy requests.");
  }
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const { actor } = await requireOrgAdmin(work, p, orgId);
    const memberIds = (await listOrgMemberIds(work, orgId)).filter((id) => id !== p.userId);
    const names = new Map((await findUsersContact(work, memberIds)).map((u) => [u.id, u.name]));
    const requests = [];
    for (const memberId of memberIds) {
      for (const r of await listRequestsOf(work, memberId)) {
        if (r.status === 'unverified') continue;
        requests.push({ id: r.id, memberId, memberName: names.get(memberId) ?? '', kind: r.kind, status: r.status, receivedOn: r.received_on, dueOn: r.due_on });
      }
    }
    if (requests.length > 0) await work.audit({ actor, action: 'rights.member_requests_listed', target: { type: 'organisation', id: orgId }, details: { orgId, requestIds: requests.map((r) => r.id) } });
    return requests.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  });
}
