import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { EgressDeps } from './egress.deps.js';
import * as store from './egress.store.js';
import type { EgressTables } from './egress.tables.js';

/**
 * Takes back a hand-over that was logged before sending (so a crash while sending cannot lose it) once
 * the sender knows nothing reached the recipient: the person's disclosure log then shows only what
 * left. The audit keeps both the hand-over and its withdrawal.
 */
export async function withdrawHandOver(_deps: EgressDeps, work: Work, input: { id: string; subjectId: string | null; reason: string }): Promise<void> {
  const removed = await store.deleteDisclosure(tablesOf<EgressTables>(work), input.id);
  if (!removed) return;
  await work.audit({ action: 'egress.hand_over_withdrawn', subjectId: input.subjectId, target: { type: 'disclosure', id: input.id }, details: { reason: input.reason } });
}
