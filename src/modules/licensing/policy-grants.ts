import type { Work } from '../../platform/unit-of-work/index.js';
import type { LicensingDeps } from './licensing.deps.js';

/** Whether the policy in force declares the raw device id (`licence.activation` with `device_identifier: raw`). */
export async function keepsRawDeviceId(deps: Pick<LicensingDeps, 'policy'>, work: Work): Promise<boolean> {
  const { manifest } = await deps.policy.inWork(work);
  return manifest.categories.some((c) => c.id === 'licence.activation' && c.device_identifier === 'raw');
}

/** Whether the policy lets organisations administer their members' accounts (`rights.methods: organisation_admin`). */
export async function orgAdminsGranted(deps: Pick<LicensingDeps, 'policy'>, work: Work): Promise<boolean> {
  const { manifest } = await deps.policy.inWork(work);
  return manifest.rights.methods.includes('organisation_admin');
}
