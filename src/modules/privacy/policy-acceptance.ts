import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from './active-policy.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as acceptances from './policy-acceptances.store.js';
import type { PrivacyTables } from './privacy.tables.js';

/** The version a sign-up page showed, as the person's browser sends it back. */
export type PolicyShown = { version: number; hash: string; accepted?: boolean | undefined };

/**
 * Records, inside the work that creates the account, that its owner accepted the version in force:
 * the version and hash their page showed must be the ones in force (a version published or taking
 * force meanwhile is refused, so nobody "accepts" a text they did not see), and under `acceptance:
 * explicit` the box must be ticked. Any refusal undoes the whole sign-up.
 */
export function createPolicyAcceptanceRecorder(deps: AcceptanceDeps) {
  return async function recordSignUpAcceptance(work: Work, user: { id: string; policy?: PolicyShown | null | undefined }): Promise<void> {
    const db = tablesOf<PrivacyTables>(work);
    const now = deps.now();
    const { row, hash, how } = await checkPolicyShown(deps, work, user.policy);
    await acceptances.insertAcceptance(db, { id: randomUUID(), user_id: user.id, version: row.version, document_hash: hash, accepted_at: now, how });
    await work.audit({ action: 'privacy.policy_accepted', subjectId: user.id, details: { version: row.version, documentHash: hash, how } });
  };
}

/**
 * The refusals of a sign-up's policy acceptance, asked before anything else the sign-up does: also
 * for an address that already has an account, which must be answered exactly like a new one.
 */
export function createPolicyShownCheck(deps: AcceptanceDeps) {
  return async (work: Work, input: { policy?: PolicyShown | null | undefined }) => {
    await checkPolicyShown(deps, work, input.policy);
  };
}

type AcceptanceDeps = Pick<PrivacyDeps, 'now'> & { policy: ActivePolicy };

async function checkPolicyShown(deps: AcceptanceDeps, work: Work, shown: PolicyShown | null | undefined) {
  // Read in this work (the cached policy must not be asked inside an open transaction).
  const row = await deps.policy.inWork(work);
  const { hash } = row;
  if (!shown) throw privacyErrors.acceptanceMissing(row.version, hash);
  if (shown.version !== row.version || shown.hash !== hash) throw privacyErrors.policyChanged(shown.version, row.version, hash);
  const how = row.values.acceptance === 'by_use' ? ('by_use' as const) : ('ticked' as const);
  if (how === 'ticked' && shown.accepted !== true) throw privacyErrors.acceptanceNotTicked(row.version);
  return { row, hash, how };
}

/** The version the signed-in person last accepted, for the policy page; null if none is recorded. */
export async function myLastAcceptance(deps: PrivacyDeps, principal: Principal) {
  const row = await acceptances.findLatestAcceptance(deps.db, principal.userId);
  return row ? { version: row.version, documentHash: row.document_hash, acceptedAt: row.accepted_at, how: row.how } : null;
}
