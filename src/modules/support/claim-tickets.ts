import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';

/**
 * Told by the accounts module when someone proves an address: the tickets they wrote from it before
 * they had an account become theirs (they see them in the app, and export and erasure find them).
 */
export function createTicketClaimHook() {
  return async (work: Work, user: { id: string; email: string }) => {
    const claimed = await store.claimTicketsByEmail(tablesOf<SupportTables>(work), user.email, user.id);
    for (const { id } of claimed) await work.audit({ actor: SYSTEM_ACTOR, action: 'support.ticket_claimed', subjectId: user.id, target: { type: 'support_ticket', id } });
  };
}
