import type { RequestContext } from '../../platform/http/index.js';
import { desktopWho } from './desktop-actor.js';
import { isAttached, resolveLicenceUser } from './licence-users.js';
import type { LicensingDeps } from './licensing.deps.js';
import type { TValidateKey, TValidation } from './licensing.schema.js';
import * as store from './licensing.store.js';
import { detailOf, evaluateLicence, presentDesktopLicence } from './licence-state.js';

/**
 * Keygen's validate-key: answers, never throws, whether the key may be used now for the scope the app
 * names (its machine fingerprint, its product, its user). It changes nothing, so the desktop app may ask often.
 */
export async function validateKey(deps: LicensingDeps, input: TValidateKey, ctx: Pick<RequestContext, 'requestId'>): Promise<TValidation> {
  const now = deps.now();
  const ctxOfKey = await store.findLicenceContextByKey(deps.db, input.key);
  if (!ctxOfKey) return { meta: { valid: false, code: 'NOT_FOUND', detail: detailOf('NOT_FOUND'), ts: now }, data: null };
  const machines = await store.listMachines(deps.db, [ctxOfKey.licence.id]);
  const user = input.scope?.user;
  // Only a user scope needs a work (the e-mail is the accounts module's); the common validation reads two queries.
  const userAttached = user === undefined ? undefined : await deps.uow.run(desktopWho(ctx), async (work) => isAttached(work, ctxOfKey.licence, await resolveLicenceUser(work, user)));
  const code = evaluateLicence(ctxOfKey, machines, { ...input.scope, userAttached }, now, deps.masterKeys);
  return { meta: { valid: code === 'VALID', code, detail: detailOf(code), ts: now }, data: presentDesktopLicence(ctxOfKey, now) };
}
