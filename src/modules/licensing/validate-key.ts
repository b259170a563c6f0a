import type { LicensingDeps } from './licensing.deps.js';
import type { TValidateKey, TValidation } from './licensing.schema.js';
import * as store from './licensing.store.js';
import { detailOf, evaluateLicence, presentDesktopLicence } from './licence-state.js';

/**
 * Keygen's validate-key: answers, never throws, whether the key may be used now for the scope the app
 * names (its machine fingerprint, its product). It changes nothing, so the desktop app may ask often.
 */
export async function validateKey(deps: LicensingDeps, input: TValidateKey): Promise<TValidation> {
  const now = deps.now();
  const ctx = await store.findLicenceContextByKey(deps.db, input.key);
  if (!ctx) return { meta: { valid: false, code: 'NOT_FOUND', detail: detailOf('NOT_FOUND'), ts: now }, data: null };
  const machines = await store.listMachines(deps.db, [ctx.licence.id]);
  const code = evaluateLicence(ctx, machines, input.scope ?? {}, now, deps.masterKeys);
  return { meta: { valid: code === 'VALID', code, detail: detailOf(code), ts: now }, data: presentDesktopLicence(ctx, now) };
}
