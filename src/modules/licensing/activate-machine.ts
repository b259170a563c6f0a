import { randomUUID } from 'node:crypto';
import { createSecretToken } from '../../platform/crypto/index.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { desktopActor, desktopWho } from './desktop-actor.js';
import { fingerprintCandidates, storedIdentifier } from './fingerprints.js';
import { activatingUser } from './licence-users.js';
import { keepsRawDeviceId } from './policy-grants.js';
import { authenticate, type DesktopCredential } from './licence-context.js';
import { assertUsable } from './licence-usable.js';
import { machineLimit, presentDesktopMachine } from './licence-state.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import type { TActivate } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';

/**
 * Activates the licence on a machine, up to its policy's limit, for its owner or (an organisation's
 * licence) the seat holder named. The identifier is kept as the manifest says (keyed hash or raw). The machine gets a token of its own
 * (only its hash is kept) for heartbeats, update checks and offline files. The licence row is locked,
 * so two activations at once cannot pass the limit together.
 */
export async function activateMachine(deps: LicensingDeps, credential: DesktopCredential, input: TActivate, ctx: RequestContext) {
  return deps.uow.run(desktopWho(ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const found = await authenticate(db, credential, { lock: true });
    const now = deps.now();
    assertUsable(found.licence, now);
    const userId = await activatingUser(work, found.licence, input.user);
    const identifier = { raw: input.fingerprint, hashes: fingerprintCandidates(deps.masterKeys, input.fingerprint) };
    if (await store.findMachineByFingerprint(db, found.licence.id, identifier)) throw licensingErrors.fingerprintTaken();
    const limit = machineLimit(found.policy);
    if ((await store.countMachines(db, found.licence.id)) >= limit) throw licensingErrors.tooManyMachines(limit);
    const { token, hash } = createSecretToken();
    const id = randomUUID();
    await store.insertMachine(db, {
      id,
      licence_id: found.licence.id,
      user_id: userId,
      ...storedIdentifier(deps.masterKeys, input.fingerprint, await keepsRawDeviceId(deps, work)),
      token_hash: hash,
      name: input.name ?? null,
      platform: input.platform ?? null,
      app_version: input.version ?? null,
      last_heartbeat_at: now,
      created_at: now,
    });
    await work.audit({ actor: desktopActor(userId), action: 'licensing.machine_activated', subjectId: userId, target: { type: 'machine', id }, details: { licenceId: found.licence.id } });
    const machine = await store.findMachine(db, id);
    if (!machine) throw licensingErrors.machineNotFound();
    return { machine: presentDesktopMachine(found.policy, machine, now), token };
  });
}
