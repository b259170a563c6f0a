import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
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
  if (licence.status === 'revoked') throw licensingErrors.ended('revoked');
  const next: { status: LicenceStatus; expires_at: Date | null; ended_at: Date | null } =
    input.state === 'past_due'
      ? { status: 'suspended', expires_at: licence.expires_at, ended_at: licence.ended_at }
      : input.state === 'ended'
        ? { status: 'expired', expires_at: licence.expires_at, ended_at: now }
        : { status: 'active', expires_at: input.periodEndsAt, ended_at: input.periodEndsAt };
  await store.updateLicence(db, licence.id, { ...next, subscription_status: input.state, updated_at: now });
  await work.audit({ action: 'licensing.subscription_status_set', subjectId: licence.user_id, target: { type: 'licence', id: licence.id }, details: { state: input.state } });
}
