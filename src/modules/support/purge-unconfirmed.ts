import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import type { SupportDeps } from './support.deps.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';

/**
 * A contact form nobody confirmed before its link expired was perhaps sent with someone else's
 * address: no one will ever read it, so it is not kept for the retention period. Each goes with its
 * messages and attachment keys in one work, then the attachments' stored objects.
 */
export async function purgeUnconfirmedTickets(deps: SupportDeps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.settings.confirmHours * 3600_000);
  const stale = await store.listUnconfirmedBefore(deps.db, cutoff);
  for (const { id } of stale) {
    const objects = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tablesOf<SupportTables>(work);
      const keys = await store.deleteUnconfirmedTicket(db, id);
      if (keys === null) return [];
      await work.audit({ action: 'support.unconfirmed_discarded', target: { type: 'support_ticket', id }, details: { afterHours: deps.settings.confirmHours } });
      return keys;
    });
    // The keys went with the rows: the objects are unreadable already; this only frees the space.
    for (const key of objects) await deps.fileVault.storage.delete(key).catch(() => undefined);
  }
  return stale.length;
}
