import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { desktopWho } from './desktop-actor.js';
import { authenticate, machineOf, type DesktopCredential } from './licence-context.js';
import { signLicenceFile } from './licence-file.js';
import { currentSigningKey } from './licence-signing.js';
import { presentDesktopLicence, presentDesktopMachine } from './licence-state.js';
import { assertUsable } from './licence-usable.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';
import { unwrapSigningKey } from './signing-keys.js';

/**
 * A signed licence file for offline use (Keygen's machine file): the licence and the machine it is
 * bound to, valid for the policy's file lifetime. Encrypted with the licence key by default, so the
 * file alone tells nothing to someone without the key.
 */
export async function checkOutLicenceFile(deps: LicensingDeps, credential: DesktopCredential, machineId: string, input: { encrypt?: boolean | undefined }, ctx: RequestContext) {
  return deps.uow.run(desktopWho(ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const found = await authenticate(db, credential);
    const machine = machineOf(found, await store.listMachines(db, [found.licence.id]), machineId);
    const now = deps.now();
    assertUsable(found.licence, now);
    if (!found.policy.offline_allowed) throw licensingErrors.offlineNotAllowed();
    const key = await currentSigningKey(deps, work);
    const ttl = found.policy.file_ttl_seconds;
    const expiry = new Date(now.getTime() + ttl * 1000);
    const document = {
      data: { ...presentDesktopLicence(found, now), key: found.licence.key },
      included: [presentDesktopMachine(found.policy, machine, now)],
      meta: { issued: now.toISOString(), expiry: expiry.toISOString(), ttl, keyId: key.id },
    };
    const algorithm = input.encrypt === false ? 'base64+ed25519' : 'aes-256-gcm+ed25519';
    const certificate = signLicenceFile(document, { privateKey: unwrapSigningKey(key.private_key_wrapped, deps.masterKeys), algorithm, licenceKey: found.licence.key });
    return { certificate, algorithm, issued: now, expiry, ttl, keyId: key.id };
  });
}
