import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import type { RightsBaseDeps } from './rights.deps.js';

/**
 * Daily: exports older than `settings.exportKeepDays` lose their key (in one transaction with the audit entry),
 * then their stored object. The row stays as 'expired' so the person sees what happened.
 */
export async function purgeOldExports(deps: RightsBaseDeps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.settings.exportKeepDays * 86_400_000);
  const shredded = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('data_exports').select(['id', 'user_id', 'storage_key']).where('status', 'in', ['ready', 'failed']).where('created_at', '<', cutoff).forUpdate().execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('data_exports')
      .set({ status: 'expired', wrapped_key: null, link_nonce_hash: null })
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
    for (const row of rows) await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.export_expired', subjectId: row.user_id, target: { type: 'export', id: row.id } });
    return rows;
  });
  for (const row of shredded) await deps.fileVault.storage.delete(row.storage_key).catch(() => undefined);
  return shredded.length;
}
