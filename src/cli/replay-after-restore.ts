import type { App } from '../app.js';
import { CLI_ACTOR } from '../platform/unit-of-work/index.js';

/**
 * What a restored backup must go through before it serves anyone: the erasures made since it was
 * taken are made again (the ledger), and retention runs as of now, so nothing past its period —
 * rows or files — comes back.
 */
export async function replayAfterRestore(app: App) {
  const erasures = await app.services.rights.replayErasures();
  const retention = await app.services.retention.runRetention({ actor: CLI_ACTOR });
  return { erasures, retention };
}
