import type { Principal } from '../../platform/http/index.js';
import { holdView } from './hold-view.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';
import { officersOnly } from './legal-holds.errors.js';
import * as store from './legal-holds.store.js';
import { OFFICER_ROLES } from './open-legal-hold.js';

/** Every hold, newest first, for the officers. */
export async function listLegalHolds(deps: LegalHoldsDeps, principal: Principal) {
  if (!OFFICER_ROLES.has(principal.role)) throw officersOnly();
  return (await store.listHolds(deps.db)).map(holdView);
}
