import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { desktopActor, desktopWho } from './desktop-actor.js';
import { authenticate, machineOf, type DesktopCredential } from './licence-context.js';
import { detailOf, isDead, presentDesktopMachine } from './licence-state.js';
import { assertUsable } from './licence-usable.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';

/** Frees a seat: the machine and its token go (the app's licence key or the machine's own token). */
export async function deactivateMachine(deps: LicensingDeps, credential: DesktopCredential, machineId: string, ctx: RequestContext) {
  await deps.uow.run(desktopWho(ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const found = await authenticate(db, credential, { lock: true });
    const machine = machineOf(found, await store.listMachines(db, [found.licence.id]), machineId);
    await store.deleteMachine(db, machine.id);
    await work.audit({ actor: desktopActor(machine.user_id), action: 'licensing.machine_deactivated', subjectId: machine.user_id, target: { type: 'machine', id: machine.id }, details: { licenceId: found.licence.id, by: 'desktop' } });
  });
}

/**
 * Keygen's heartbeat ping. A machine whose heartbeat already died is refused (as Keygen does without
 * resurrection): the app deactivates and activates again, so a copy that went quiet cannot come back
 * unseen. The time of a heartbeat is not personal data (the registry says so): no audit entry per ping.
 */
export async function pingMachine(deps: LicensingDeps, credential: DesktopCredential, machineId: string, ctx: RequestContext) {
  return deps.uow.run(desktopWho(ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const found = await authenticate(db, credential);
    const machine = machineOf(found, await store.listMachines(db, [found.licence.id]), machineId);
    const now = deps.now();
    assertUsable(found.licence, now);
    if (isDead(found.policy, machine, now)) throw licensingErrors.notUsable('HEARTBEAT_DEAD', detailOf('HEARTBEAT_DEAD'));
    await store.updateMachine(db, machine.id, { last_heartbeat_at: now });
    return presentDesktopMachine(found.policy, { ...machine, last_heartbeat_at: now }, now);
  });
}
