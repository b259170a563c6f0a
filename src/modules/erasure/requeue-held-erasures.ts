import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { ErasureDeps } from './erasure.deps.js';
import * as store from './erasure.store.js';
import type { ErasureTables } from './erasure.tables.js';
import { startErasure } from './run-erasure.js';

/**
 * A legal hold was released (inside the release's work): every completed erasure that kept data
 * because of it is started again, so what the hold kept goes too (rows another hold still covers
 * stay, and that erasure waits for that hold in turn). Returns the new erasures' ids.
 */
export async function requeueHeldErasures(deps: ErasureDeps, work: Work, holdId: string): Promise<string[]> {
  const held = await store.listErasuresHeldBy(tablesOf<ErasureTables>(work), holdId);
  const started: string[] = [];
  for (const erasure of held) {
    if (!erasure.user_id) continue;
    const { erasureId } = await startErasure(deps, work, { userId: erasure.user_id, origin: erasure.origin, queue: true });
    started.push(erasureId);
  }
  return started;
}
