import type { Queryable } from '../../platform/db/index.js';
import { effectiveStatus } from './licence-state.js';
import type { TLicenceSummary } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicenceRow, LicensingTables, PolicyRow } from './licensing.tables.js';

/** Each licence with its policy and what it is (product, policy, status now); one whose policy or product is gone is left out. */
export async function summarise(db: Queryable<LicensingTables>, licences: LicenceRow[], now: Date): Promise<Array<{ licence: LicenceRow; policy: PolicyRow; summary: TLicenceSummary }>> {
  const out = [];
  for (const l of licences) {
    const policy = await store.findPolicy(db, l.policy_id);
    const product = policy && (await store.findProduct(db, policy.product_id));
    if (!policy || !product) continue;
    out.push({ licence: l, policy, summary: { id: l.id, key: l.key, product: product.name, policy: policy.name, status: effectiveStatus(l, now), expiresAt: l.expires_at } });
  }
  return out;
}
