import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { newLicenceKey } from './manage-licences.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicenceStatus, LicensingTables } from './licensing.tables.js';

export type SubscriptionState = 'active' | 'past_due' | 'canceled' | 'ended';

/**
 * For commerce, when it comes: a subscription's state drives its licence, in the caller's work.
 * active: usable until the paid period ends; past_due: suspended until paid; canceled: usable until
 * the period ends, then expired; ended: expired now (its retention clock starts).
 */
export async function setLicenceStatusFromSubscription(work: Work, now: Date, input: { licenceId: string; state: SubscriptionState; periodEndsAt: Date | null }) {
  const db = tablesOf<LicensingTables>(work);
  const licence = await store.findLicence(db, input.licenceId, { lock: true });
  if (!licence) throw licensingErrors.licenceNotFound();
  // Revoked is for good: no subscription brings it back, and a renewal does not fail because of it.
  if (licence.status === 'revoked') return;
  const next: { status: LicenceStatus; expires_at: Date | null; ended_at: Date | null } =
    input.state === 'past_due'
      ? { status: 'suspended', expires_at: licence.expires_at, ended_at: licence.ended_at }
      : input.state === 'ended'
        ? { status: 'expired', expires_at: licence.expires_at, ended_at: now }
        : { status: 'active', expires_at: input.periodEndsAt, ended_at: input.periodEndsAt };
  await store.updateLicence(db, licence.id, { ...next, subscription_status: input.state, updated_at: now });
  await work.audit({ action: 'licensing.subscription_status_set', subjectId: licence.user_id, target: { type: 'licence', id: licence.id }, details: { state: input.state } });
}

/**
 * For commerce: the licence a subscription of a plan with a licence policy gives its customer, active
 * until the paid period ends (renewals move the end through `setLicenceStatusFromSubscription`).
 */
export async function issueSubscriptionLicence(work: Work, now: Date, input: { policyId: string; userId: string; periodEndsAt: Date }) {
  const db = tablesOf<LicensingTables>(work);
  const policy = await store.findPolicy(db, input.policyId);
  if (!policy) throw licensingErrors.policyNotFound();
  const id = randomUUID();
  const key = newLicenceKey();
  await store.insertLicence(db, { id, policy_id: policy.id, user_id: input.userId, key, status: 'active', entitlements: JSON.stringify([]), subscription_status: 'active', expires_at: input.periodEndsAt, ended_at: input.periodEndsAt, created_at: now, updated_at: now });
  await work.audit({ action: 'licensing.licence_issued', subjectId: input.userId, target: { type: 'licence', id }, details: { policyId: policy.id, bySubscription: true } });
  return { id, key };
}

/** For commerce: whether a licence policy exists (a plan names one). */
export async function licencePolicyExists(work: Work, policyId: string): Promise<boolean> {
  return (await store.findPolicy(tablesOf<LicensingTables>(work), policyId)) !== undefined;
}
