import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { writeRestriction, type RestrictionScope } from '../egress/index.js';
import type { RightsDeps } from './rights.deps.js';

/** The person restricts all processing (`scope` 'all', GDPR art. 18) or objects to one kind (an opt-out), or lifts it. */
export async function setRestriction(deps: RightsDeps, p: Principal, scope: RestrictionScope, on: boolean, reason: string | null, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    await writeRestriction(work, { userId: p.userId, scope, on, reason, now: deps.now() });
    await work.audit({ action: on ? 'rights.restriction_set' : 'rights.restriction_lifted', subjectId: p.userId, details: { scope } });
  });
}
