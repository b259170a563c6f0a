import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { egressErrors } from './egress.errors.js';
import * as store from './egress.store.js';
import type { EgressTables, ProcessingKind, RestrictionScope } from './egress.tables.js';

const tables = (work: Work) => tablesOf<EgressTables>(work);

/**
 * The restriction-and-opt-outs half of the shared check of every non-essential processing path
 * (analytics, marketing, integrations, profiling). A module asks the whole check, which adds the
 * person's or visitor's consent records where the policy bases the kind on consent, through the
 * bound `egress.assertProcessingAllowed` (consented-processing.ts). Call it inside the work that
 * processes, so a restriction recorded meanwhile is seen:
 *
 *   await assertProcessingAllowed(work, userId, 'marketing');   // throws AppError('forbidden')
 *
 * It refuses when the person restricted all processing (GDPR art. 18) or objected to this kind
 * (a marketing opt-out). Batch jobs that skip people rather than fail use `isProcessingAllowed`.
 * Data that leaves the installation goes through `handOver`, which asks this check itself.
 */
export async function assertProcessingAllowed(work: Work, userId: string, kind: ProcessingKind): Promise<void> {
  if (!(await isProcessingAllowed(work, userId, kind))) throw egressErrors.processingRestricted(kind);
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

/** Whether the person restricted all processing (GDPR art. 18): only storage and what the law requires go on. */
export async function isRestricted(work: Work, userId: string): Promise<boolean> {
  return store.hasRestriction(tables(work), userId, ['all']);
}

/** Records or lifts a restriction (`scope` 'all') or an objection to one kind (an opt-out); the caller audits. */
export async function writeRestriction(work: Work, input: { userId: string; scope: RestrictionScope; on: boolean; reason: string | null; now: Date }) {
  if (input.on) await store.setRestriction(tables(work), { user_id: input.userId, scope: input.scope, since: input.now, reason: input.reason });
  else await store.deleteRestriction(tables(work), input.userId, input.scope);
}

/** The person's restrictions and opt-outs, for their privacy dashboard. */
export async function restrictionsOf(work: Work, userId: string) {
  return store.restrictionsOf(tables(work), userId);
}

/**
 * Why data is processed, as far as a person's restriction and opt-outs go:
 * - 'required': the law requires it, or it answers the person's own request or protects their
 *   account (a rights answer, a password reset they asked for, a security alert, a legal disclosure).
 *   A restriction does not stop it (GDPR art. 18(2): legal claims, the person's consent by asking).
 * - 'service': the service the person signed up for (project and quote updates). A restriction
 *   stops it; opt-outs do not.
 * - a ProcessingKind: non-essential; a restriction or an opt-out of that kind stops it.
 */
export type Processing = 'required' | 'service' | ProcessingKind;

/** Refuses (403) when the person's restriction or opt-out stops processing of this kind. */
export async function assertMayProcess(work: Work, userId: string, processing: Processing): Promise<void> {
  if (processing === 'required') return;
  if (processing === 'service') {
    if (await isRestricted(work, userId)) throw egressErrors.processingRestricted('all');
    return;
  }
  await assertProcessingAllowed(work, userId, processing);
}
