import { hashToken } from '../../platform/crypto/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicenceRow, LicensingTables, MachineRow } from './licensing.tables.js';
import type { LicenceContext } from './licence-state.js';

type Db = Queryable<LicensingTables>;

/** How a desktop app proves what it is: its licence key, or the token its machine got at activation. */
export type DesktopCredential = { kind: 'licence'; key: string } | { kind: 'machine'; token: string };

export async function contextOf(db: Db, licence: LicenceRow): Promise<LicenceContext> {
  const policy = await store.findPolicy(db, licence.policy_id);
  if (!policy) throw licensingErrors.policyNotFound();
  const product = await store.findProduct(db, policy.product_id);
  if (!product) throw licensingErrors.productNotFound();
  return { licence, policy, product };
}

/** The licence a credential opens (and the machine, for a machine token); unauthenticated otherwise. */
export async function authenticate(db: Db, credential: DesktopCredential, opts: { lock?: boolean } = {}): Promise<LicenceContext & { machine: MachineRow | null }> {
  if (credential.kind === 'licence') {
    const licence = await store.findLicenceByKey(db, credential.key, opts);
    if (!licence) throw licensingErrors.badCredentials();
    return { ...(await contextOf(db, licence)), machine: null };
  }
  const machine = await store.findMachineByToken(db, hashToken(credential.token));
  if (!machine) throw licensingErrors.badCredentials();
  const licence = await store.findLicence(db, machine.licence_id, opts);
  if (!licence) throw licensingErrors.badCredentials();
  return { ...(await contextOf(db, licence)), machine };
}

/** The machine a request names, on the licence its credential opened (a machine token names only its own). */
export function machineOf(found: { machine: MachineRow | null }, machines: MachineRow[], id: string): MachineRow {
  if (found.machine && found.machine.id !== id) throw licensingErrors.machineNotFound();
  const machine = machines.find((m) => m.id === id);
  if (!machine) throw licensingErrors.machineNotFound();
  return machine;
}

