import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { machineLimit } from './licence-state.js';
import { summarise } from './licence-summary.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import type { TMyLicence } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';

/** A customer's own licences and the devices each is activated on. */
export async function listMyLicences(deps: LicensingDeps, principal: Principal): Promise<TMyLicence[]> {
  const now = deps.now();
  const licences = await store.listLicencesOfUser(deps.db, principal.userId);
  const machines = await store.listMachines(deps.db, licences.map((l) => l.id));
  return (await summarise(deps.db, licences, now)).map(({ licence: l, policy, summary }) => ({
    ...summary,
    entitlements: l.entitlements,
    maxMachines: machineLimit(policy),
    seat: l.user_id !== principal.userId,
    // On an organisation's licence a member sees their own devices, not their colleagues'.
    machines: machines
      .filter((m) => m.licence_id === l.id && (l.user_id === principal.userId || m.user_id === principal.userId))
      .map((m) => ({ id: m.id, deviceId: m.device_id, name: m.name, platform: m.platform, appVersion: m.app_version, lastHeartbeatAt: m.last_heartbeat_at, activatedAt: m.created_at })),
  }));
}

/** The customer frees a seat from the web (a lost or sold computer). */
export async function deactivateMyMachine(deps: LicensingDeps, principal: Principal, machineId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const machine = await store.findMachine(db, machineId);
    // Someone else's machine is answered as missing: ids of others' devices are not confirmed.
    if (!machine || machine.user_id !== principal.userId) throw licensingErrors.machineNotFound();
    await store.deleteMachine(db, machine.id);
    await work.audit({ action: 'licensing.machine_deactivated', subjectId: machine.user_id, target: { type: 'machine', id: machine.id }, details: { licenceId: machine.licence_id, by: 'owner' } });
  });
}
