import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { markAccountClosed } from '../accounts/index.js';
import { describeCategory, isCategoryId } from '../privacy/index.js';
import { describeRetention } from '../subject-data/index.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import { retentionDatesOf, type CategoryEnd } from './retention-dates.js';
import { retentionMails, type KeptAfterClosure } from './retention.mails.js';

/**
 * The person closes their own account (distinct from erasing it): it is archived — signed out, no
 * sign-in — for the periods the manifest's `account_closed` rules give, then retention erases it
 * through the erasure flow. They are told by e-mail what is kept and until when (the dates computed
 * from their own rows' clocks, as the retention runs use them), in the same work as the closure.
 */
export async function closeMyAccount(deps: RetentionBaseDeps, principal: Principal, ctx: RequestContext) {
  // Outside the transaction: the policy cache may read the database (one connection on PGlite).
  const active = await deps.policy.current();
  const at = deps.now();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const user = await markAccountClosed(work, principal.userId, at);
    for (const hook of deps.onAccountClosed ?? []) await hook(work, user.id);
    const kept = (await retentionDatesOf(work, deps.registry, active.values, user.id)).map(keptItem);
    await work.audit({ action: 'accounts.closed', subjectId: user.id, details: { sessionsEnded: user.sessions, policyVersion: active.version } });
    await work.mail({ to: user.email, userId: user.id, ...retentionMails.closed(user.name, at, kept) });
    return { closedAt: at.toISOString(), kept };
  });
}

function keptItem(end: CategoryEnd): KeptAfterClosure {
  return {
    category: end.category,
    label: isCategoryId(end.category) ? describeCategory(end.category).label : end.category,
    rule: describeRetention(end.rule).rule,
    // A category some of whose rows wait for another event (an open project) has no last date yet.
    until: end.waiting > 0 ? null : end.latestEnd,
  };
}
