import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { markAccountClosed } from '../accounts/index.js';
import { describeCategory, isCategoryId } from '../privacy/index.js';
import { describeRetention } from '../subject-data/index.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import { retentionDatesOf, type CategoryEnd } from './retention-dates.js';

export type KeptAfterClosure = { category: string; label: string; rule: string; until: string | null };

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
    const kept = (await retentionDatesOf(work, deps.registry, active.values, user.id)).map(keptItem);
    await work.audit({ action: 'accounts.closed', subjectId: user.id, details: { sessionsEnded: user.sessions, policyVersion: active.version } });
    await work.mail({ to: user.email, userId: user.id, ...closureMail(user.name, at, kept) });
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

function closureMail(name: string, at: Date, kept: KeptAfterClosure[]) {
  const lines = kept.map((k) => `- ${k.label}: ${k.until ? `until ${k.until}` : 'no date yet'} (${k.rule})`);
  return {
    kind: 'accounts.closed',
    subject: 'Your account is closed',
    text: [
      `Hello${name ? ` ${name}` : ''},`,
      '',
      `Your Meshvault account was closed on ${at.toISOString().slice(0, 10)}. You were signed out everywhere and can no longer sign in.`,
      'As our privacy policy states, we keep the following in an archive, each until the date shown, then erase it:',
      '',
      ...lines,
      '',
      'At the end of your account\'s archive period it is erased as if you had asked for it, and you receive the erasure certificate. If you want it erased sooner, ask us through our privacy contact.',
    ].join('\n'),
  };
}
