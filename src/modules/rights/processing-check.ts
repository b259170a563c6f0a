import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import * as store from './rights.store.js';
import type { ProcessingKind, RestrictionScope, RightsTables } from './rights.tables.js';

const tables = (work: Work) => tablesOf<RightsTables>(work);

/**
 * THE shared check of every non-essential processing path (analytics, marketing, integrations,
 * profiling). Call it before touching a person's data for such a purpose — inside the work that
 * does it, so a restriction recorded meanwhile is seen:
 *
 *   await assertProcessingAllowed(work, userId, 'marketing');   // throws AppError('forbidden')
 *
 * It refuses when the person restricted all processing (GDPR art. 18) or objected to this kind
 * (a marketing opt-out). Batch jobs that skip people rather than fail use `isProcessingAllowed`.
 */
export async function assertProcessingAllowed(work: Work, userId: string, kind: ProcessingKind): Promise<void> {
  if (!(await isProcessingAllowed(work, userId, kind))) throw rightsErrors.processingRestricted(kind);
}

export async function isProcessingAllowed(work: Work, userId: string, kind: ProcessingKind): Promise<boolean> {
  return !(await store.hasRestriction(tables(work), userId, ['all', kind]));
}

/** Of `userIds`, those whose data may be used for `kind` (for batch paths: one query for many people). */
export async function filterProcessingAllowed(work: Work, userIds: string[], kind: ProcessingKind): Promise<string[]> {
  if (userIds.length === 0) return [];
  const blocked = await store.restrictedAmong(tables(work), userIds, ['all', kind]);
  return userIds.filter((id) => !blocked.has(id));
}

/** The person restricts all processing (`scope` 'all', GDPR art. 18) or objects to one kind (an opt-out), or lifts it. */
export async function setRestriction(deps: RightsDeps, p: Principal, scope: RestrictionScope, on: boolean, reason: string | null, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    if (on) await store.setRestriction(tables(work), { user_id: p.userId, scope, since: deps.now(), reason });
    else await store.deleteRestriction(tables(work), p.userId, scope);
    await work.audit({ action: on ? 'rights.restriction_set' : 'rights.restriction_lifted', subjectId: p.userId, details: { scope } });
  });
}
