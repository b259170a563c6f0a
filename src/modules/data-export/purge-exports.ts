import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import type { DataExportBaseDeps } from './data-export.deps.js';
import * as store from './data-export.store.js';
import type { DataExportTables } from './data-export.tables.js';

/**
 * Daily: exports older than `settings.exportKeepDays` lose their key (in one transaction with the audit entry),
 * then their stored object. The row stays as 'expired' so the person sees what happened.
 */
export async function purgeOldExports(deps: DataExportBaseDeps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.settings.exportKeepDays * 86_400_000);
  const shredded = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<DataExportTables>(work);
    const rows = await store.lockExportsMadeBefore(db, cutoff);
    if (rows.length === 0) return [];
    await store.expireExports(db, rows.map((r) => r.id));
    for (const row of rows) await work.audit({ action: 'rights.export_expired', subjectId: row.user_id, target: { type: 'export', id: row.id } });
    return rows;
  });
  for (const row of shredded) await deps.fileVault.storage.delete(row.storage_key).catch(() => undefined);
  return shredded.length;
}
