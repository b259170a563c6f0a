import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';
import { officersOnly } from './legal-holds.errors.js';
import type { TOpenHold } from './legal-holds.schema.js';
import * as store from './legal-holds.store.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';
import { holdView } from './hold-view.js';

export const OFFICER_ROLES = new Set(['privacy_officer', 'admin']);

/** A privacy officer opens a hold: from now on retention (and erasure) keep the data it covers. */
export async function openLegalHold(deps: LegalHoldsDeps, principal: Principal, input: TOpenHold, ctx: Pick<RequestContext, 'requestId'>) {
  if (!OFFICER_ROLES.has(principal.role)) throw officersOnly();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const id = randomUUID();
    const row = { id, reason: input.reason, scope: input.scope, scope_id: input.scopeId, opened_by: principal.userId, opened_at: deps.now(), ends_on: input.endsOn ? new Date(`${input.endsOn}T00:00:00Z`) : null, released_by: null, released_at: null };
    await store.insertHold(tablesOf<LegalHoldsTables>(work), row);
    await work.audit({ action: 'legal_hold.opened', subjectId: input.scope === 'person' ? input.scopeId : null, target: { type: 'legal_hold', id }, details: { scope: input.scope, scopeId: input.scopeId, endsOn: input.endsOn ?? null } });
    return holdView(row);
  });
}
