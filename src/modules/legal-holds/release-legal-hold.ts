import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { holdView } from './hold-view.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';
import { holdNotFound, officersOnly } from './legal-holds.errors.js';
import * as store from './legal-holds.store.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';
import { OFFICER_ROLES } from './open-legal-hold.js';

/**
 * Releases a hold: the data it kept is under its retention periods again (the next run removes what
 * is past them), and erasures that kept data because of it are queued again (`onReleased`).
 */
export async function releaseLegalHold(deps: LegalHoldsDeps, principal: Principal, holdId: string, ctx: Pick<RequestContext, 'requestId'>) {
  if (!OFFICER_ROLES.has(principal.role)) throw officersOnly();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LegalHoldsTables>(work);
    const hold = await store.findHold(db, holdId);
    if (!hold) throw holdNotFound(holdId);
    if (hold.released_at) return holdView(hold);
    const at = deps.now();
    await store.markReleased(db, holdId, principal.userId, at);
    await deps.onReleased?.(work, holdId);
    await work.audit({ action: 'legal_hold.released', subjectId: hold.scope === 'person' ? hold.scope_id : null, target: { type: 'legal_hold', id: holdId }, details: { scope: hold.scope, scopeId: hold.scope_id } });
    return holdView({ ...hold, released_by: principal.userId, released_at: at });
  });
}
