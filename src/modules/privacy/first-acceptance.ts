import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from './active-policy.js';
import { checkPolicyShown, writeAcceptance, type AcceptanceDeps, type PolicyShown } from './policy-acceptance.js';
import * as acceptances from './policy-acceptances.store.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import type { PrivacyTables } from './privacy.tables.js';

/*
 * A sign-up records its acceptance of the policy in the work that creates the account. An account
 * made for someone (the operator's `meshvault user create`, the first administrator) has none: its
 * owner is asked at their first sign-in, and until they accept, the auth hooks refuse every route
 * that processes their data (the gate below). Under `acceptance: by_use` signing in is using the
 * service, so the sign-in records a by-use acceptance itself.
 */

/** Accepted people a process remembers; beyond this the oldest are asked of the database again. */
const MAX_KNOWN = 50_000;

export type AcceptanceGate = ReturnType<typeof createAcceptanceGate>;

/**
 * Whether a person still has to accept the policy. Only "has accepted" is remembered: an acceptance
 * is never withdrawn while its account lives, so the answer cannot go stale, while "not yet" is read
 * again on every request (another process may have just recorded the acceptance).
 */
export function createAcceptanceGate(deps: Pick<PrivacyDeps, 'db'> & { policy: ActivePolicy }) {
  const known = new Set<string>();
  async function pending(userId: string): Promise<boolean> {
    if (known.has(userId)) return false;
    if (!(await acceptances.hasAnyAcceptance(deps.db, userId))) return true;
    if (known.size >= MAX_KNOWN) known.delete(known.values().next().value!);
    known.add(userId);
    return false;
  }
  return {
    pending,
    /** For the auth hooks: refuses, naming the version to accept and how, while nothing is accepted. */
    async requireAccepted(userId: string): Promise<void> {
      if (!(await pending(userId))) return;
      const active = await deps.policy.current();
      throw privacyErrors.acceptanceRequired(active.version, active.hash, active.values.acceptance);
    },
  };
}

const LATER: Parameters<typeof checkPolicyShown>[3] = { nothing: 'nothing was recorded', tickPath: 'body.accepted' };

/**
 * The signed-in person accepts the version in force, as their page showed it (version and hash from
 * /privacy.json; the box ticked unless the policy is accepted by use). A version no longer in force
 * is refused like at sign-up. Accepting the same version again answers the first acceptance.
 */
export async function acceptPolicy(deps: PrivacyDeps & AcceptanceDeps, principal: Principal, shown: PolicyShown, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { row, hash, how } = await checkPolicyShown(deps, work, shown, LATER);
    const before = await acceptances.findAcceptanceOf(tablesOf<PrivacyTables>(work), principal.userId, row.version, hash);
    const accepted = before ?? (await writeAcceptance(work, deps.now(), principal.userId, { version: row.version, hash, how }));
    return { version: accepted.version, documentHash: accepted.document_hash, acceptedAt: accepted.accepted_at, how: accepted.how };
  });
}

/** Told of every sign-in, in its work: where using the service is acceptance, a first sign-in records it. */
export function createByUseRecorder(deps: AcceptanceDeps) {
  return async function recordByUseAtSignIn(work: Work, user: { id: string }): Promise<void> {
    // Asked first: nearly every sign-in is of someone who accepted, and this is one indexed read.
    if (await acceptances.hasAnyAcceptance(tablesOf<PrivacyTables>(work), user.id)) return;
    const row = await deps.policy.inWork(work);
    if (row.values.acceptance !== 'by_use') return;
    await writeAcceptance(work, deps.now(), user.id, { version: row.version, hash: row.hash, how: 'by_use' });
  };
}
