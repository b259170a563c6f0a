import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from './active-policy.js';
import { checkPolicyShown, writeAcceptance, type PolicyShown } from './policy-acceptance.js';
import * as acceptances from './policy-acceptances.store.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import type { PrivacyTables } from './privacy.tables.js';

/*
 * A sign-up records its acceptance of the policy in the work that creates the account. An account
 * made for someone (the operator's `meshvault user create`, the first administrator) has none: its
 * owner is asked at their first sign-in, and until they accept, the auth hooks refuse every route
 * that processes their data (the gate below). Under `acceptance: by_use` using the service is
 * acceptance, so the gate records a by-use acceptance at the first request that uses it instead.
 */

/** Accepted people a process remembers; beyond this the oldest are asked of the database again. */
const MAX_KNOWN = 50_000;
/**
 * How long a process trusts its memory of an acceptance before asking the database again: retention
 * removes acceptances at the end of consent.record's period (any process, any time), and then the
 * person is asked again (or, under by_use, their next use records a new one) on every process alike.
 */
const REMEMBER_MS = 5 * 60_000;

type GateDeps = Pick<PrivacyDeps, 'db' | 'uow' | 'now'> & { policy: ActivePolicy };
export type AcceptanceGate = ReturnType<typeof createAcceptanceGate>;

/**
 * Whether a person still has to accept the policy. Only "has accepted" is remembered, and only for a
 * while: retention removes an acceptance once consent.record's period ends, and a living account whose
 * last acceptance is gone is asked again (the proof of what they accepted is gone with it). "Not yet"
 * is read again on every request (another process may have just recorded the acceptance).
 * Acceptances this process records are remembered as they commit, so a person's next requests cost no query.
 */
export function createAcceptanceGate(deps: GateDeps) {
  const known = new Map<string, number>();
  function remember(userId: string) {
    known.delete(userId);
    if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
    known.set(userId, deps.now().getTime());
  }
  function remembered(userId: string): boolean {
    const since = known.get(userId);
    if (since === undefined) return false;
    if (deps.now().getTime() - since < REMEMBER_MS) return true;
    known.delete(userId);
    return false;
  }
  async function pending(principal: Principal, ctx: RequestContext): Promise<boolean> {
    if (remembered(principal.userId)) return false;
    if (await acceptances.hasAnyAcceptance(deps.db, principal.userId)) {
      remember(principal.userId);
      return false;
    }
    if ((await deps.policy.values()).acceptance !== 'by_use') return true;
    await recordByUse(principal, ctx);
    return false;
  }
  async function recordByUse(principal: Principal, ctx: RequestContext) {
    await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
      // In this work: the version in force as it commits, and no second row from a request alongside.
      if (await acceptances.hasAnyAcceptance(tablesOf<PrivacyTables>(work), principal.userId)) return;
      const row = await deps.policy.inWork(work);
      await writeAcceptance(work, deps.now(), principal.userId, { version: row.version, hash: row.hash, how: row.values.acceptance === 'by_use' ? 'by_use' : 'ticked' });
    });
    remember(principal.userId);
  }
  return {
    pending,
    remember,
    /** For the auth hooks: refuses, naming the version to accept and how, while nothing is accepted. */
    requireAccepted: async (principal: Principal, ctx: RequestContext): Promise<void> => {
      if (!(await pending(principal, ctx))) return;
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
export async function acceptPolicy(deps: GateDeps & { acceptanceGate: AcceptanceGate }, principal: Principal, shown: PolicyShown, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { row, hash, how } = await checkPolicyShown(deps, work, shown, LATER);
    const before = await acceptances.findAcceptanceOf(tablesOf<PrivacyTables>(work), principal.userId, row.version, hash);
    const accepted = before ?? (await writeAcceptance(work, deps.now(), principal.userId, { version: row.version, hash, how }));
    work.afterCommit(async () => deps.acceptanceGate.remember(principal.userId));
    return { version: accepted.version, documentHash: accepted.document_hash, acceptedAt: accepted.accepted_at, how: accepted.how };
  });
}
