import type { Queryable } from '../../platform/db/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import type { ProcessingKind, RestrictionScope, RightsTables } from './rights.tables.js';

/**
 * THE shared check of every non-essential processing path (analytics, marketing, integrations,
 * profiling). Call it before touching a person's data for such a purpose — inside the transaction
 * that does it, so a restriction recorded meanwhile is seen:
 *
 *   await assertProcessingAllowed(trx, userId, 'marketing');   // throws AppError('forbidden')
 *
 * It refuses when the person restricted all processing (GDPR art. 18) or objected to this kind
 * (a marketing opt-out). Batch jobs that skip people rather than fail use `isProcessingAllowed`.
 */
export async function assertProcessingAllowed(db: Queryable<RightsTables>, userId: string, kind: ProcessingKind): Promise<void> {
  if (!(await isProcessingAllowed(db, userId, kind))) throw rightsErrors.processingRestricted(kind);
}

export async function isProcessingAllowed(db: Queryable<RightsTables>, userId: string, kind: ProcessingKind): Promise<boolean> {
  const row = await db.selectFrom('processing_restrictions').select('scope').where('user_id', '=', userId).where('scope', 'in', ['all', kind]).executeTakeFirst();
  return row === undefined;
}

/** Of `userIds`, those whose data may be used for `kind` (for batch paths: one query for many people). */
export async function filterProcessingAllowed(db: Queryable<RightsTables>, userIds: string[], kind: ProcessingKind): Promise<string[]> {
  if (userIds.length === 0) return [];
  const blocked = await db.selectFrom('processing_restrictions').select('user_id').where('user_id', 'in', userIds).where('scope', 'in', ['all', kind]).execute();
  const set = new Set(blocked.map((r) => r.user_id));
  return userIds.filter((id) => !set.has(id));
}

export async function setRestriction(deps: RightsDeps, p: Principal, scope: RestrictionScope, on: boolean, reason: string | null, ctx: RequestContext) {
  await deps.db.transaction().execute(async (trx) => {
    if (on) {
      await trx
        .insertInto('processing_restrictions')
        .values({ user_id: p.userId, scope, since: deps.now(), reason })
        .onConflict((oc) => oc.columns(['user_id', 'scope']).doUpdateSet({ reason }))
        .execute();
    } else {
      await trx.deleteFrom('processing_restrictions').where('user_id', '=', p.userId).where('scope', '=', scope).execute();
    }
    await recordAudit(trx, deps, {
      actor: { id: p.userId, role: p.role },
      action: on ? 'rights.restriction_set' : 'rights.restriction_lifted',
      subjectId: p.userId,
      requestId: ctx.requestId,
      details: { scope },
    });
  });
}
