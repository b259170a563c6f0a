import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import type { LegalHoldsDeps } from './legal-holds.deps.js';
import * as store from './legal-holds.store.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';

/**
 * Holds whose end date has come end by themselves, as a release does: retention already stops keeping
 * their data that day (a hold is in force only before its end date), and this queues again the
 * erasures that kept data because of them (`onReleased`). Each is closed in its own work, audited.
 */
export async function endLapsedHolds(deps: LegalHoldsDeps): Promise<string[]> {
  const ended: string[] = [];
  for (const { id } of await store.listLapsedHolds(deps.db, deps.now())) {
    const done = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tablesOf<LegalHoldsTables>(work);
      const hold = await store.findHold(db, id);
      if (!hold || hold.released_at || !hold.ends_on) return false; // released meanwhile
      await store.markReleased(db, id, null, hold.ends_on);
      await deps.onReleased?.(work, id);
      await work.audit({ action: 'legal_hold.ended', subjectId: hold.scope === 'person' ? hold.scope_id : null, target: { type: 'legal_hold', id }, details: { scope: hold.scope, scopeId: hold.scope_id, endsOn: hold.ends_on.toISOString().slice(0, 10) } });
      return true;
    });
    if (done) ended.push(id);
  }
  return ended;
}
