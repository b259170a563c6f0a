import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from './active-policy.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as acceptances from './policy-acceptances.store.js';
import type { AcceptanceHow, PrivacyTables } from './privacy.tables.js';

/** The version a sign-up page showed, as the person's browser sends it back. */
export type PolicyShown = { version: number; hash: string; accepted?: boolean | undefined };

/**
 * Records, inside the work that creates the account, that its owner accepted the version in force:
 * the version and hash their page showed must be the ones in force (a version published or taking
 * force meanwhile is refused, so nobody "accepts" a text they did not see), and under `acceptance:
 * explicit` the box must be ticked. Any refusal undoes the whole sign-up.
 */
export function createPolicyAcceptanceRecorder(deps: AcceptanceDeps & { acceptanceGate?: { remember: (userId: string) => void } }) {
  return async function recordSignUpAcceptance(work: Work, user: { id: string; policy?: PolicyShown | null | undefined }): Promise<void> {
    const { row, hash, how } = await checkPolicyShown(deps, work, user.policy);
    await writeAcceptance(work, deps.now(), user.id, { version: row.version, hash, how });
    // The new account's first requests then pass the gate without asking the database.
    const { remember } = deps.acceptanceGate ?? {};
    if (remember) work.afterCommit(async () => remember(user.id));
  };
}

/**
 * Records and audits one acceptance inside `work`: the same row and entry whether at sign-up or later.
 * A version the person already accepted (a request alongside recorded it first) answers that
 * acceptance, recording and auditing nothing more.
 */
export async function writeAcceptance(work: Work, now: Date, userId: string, accepted: { version: number; hash: string; how: AcceptanceHow }) {
  const row = { id: randomUUID(), user_id: userId, version: accepted.version, document_hash: accepted.hash, accepted_at: now, how: accepted.how };
  const db = tablesOf<PrivacyTables>(work);
  if (!(await acceptances.insertAcceptance(db, row))) return acceptances.findAcceptanceOfVersion(db, userId, accepted.version);
  await work.audit({ action: 'privacy.policy_accepted', subjectId: userId, details: { version: accepted.version, documentHash: accepted.hash, how: accepted.how } });
  return row;
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

export type AcceptanceDeps = Pick<PrivacyDeps, 'now'> & { policy: ActivePolicy };

/** How a refusal reads: a sign-up's (the default) or an acceptance made after the account existed. */
type Refusal = { nothing: 'nothing was created' | 'nothing was recorded'; tickPath: string };
const SIGN_UP: Refusal = { nothing: 'nothing was created', tickPath: 'body.policy.accepted' };

/** The version in force, checked against the one the person's page showed; how they accept it. */
export async function checkPolicyShown(deps: AcceptanceDeps, work: Work, shown: PolicyShown | null | undefined, refusal: Refusal = SIGN_UP) {
  // Read in this work (the cached policy must not be asked inside an open transaction).
  const row = await deps.policy.inWork(work);
  const { hash } = row;
  if (!shown) throw privacyErrors.acceptanceMissing(row.version, hash, refusal.nothing);
  if (shown.version !== row.version || shown.hash !== hash) throw privacyErrors.policyChanged(shown.version, row.version, hash, refusal.nothing);
  const how = row.values.acceptance === 'by_use' ? ('by_use' as const) : ('ticked' as const);
  if (how === 'ticked' && shown.accepted !== true) throw privacyErrors.acceptanceNotTicked(row.version, refusal.nothing, refusal.tickPath);
  return { row, hash, how };
}

/** The version the signed-in person last accepted, for the policy page; null if none is recorded. */
export async function myLastAcceptance(deps: PrivacyDeps, principal: Principal) {
  const row = await acceptances.findLatestAcceptance(deps.db, principal.userId);
  return row ? { version: row.version, documentHash: row.document_hash, acceptedAt: row.accepted_at, how: row.how } : null;
}
