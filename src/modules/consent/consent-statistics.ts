import type { ConsentDeps } from './consent.deps.js';
import type { ConsentMethod, ConsentDecision } from './consent.tables.js';
import * as store from './consent.store.js';

export type ConsentStatistics = {
  /** People and anonymous visitors who decided anything in the period. */
  subjects: number;
  /** Of them, those whose browser sent Global Privacy Control (recorded with method `gpc`). */
  withGpc: number;
  byMethod: Array<{ method: ConsentMethod; decision: ConsentDecision; records: number }>;
};

/**
 * Counts of the consent records since `from` for the staff dashboard: the share of deciders with
 * GPC and the decisions by method. Counts only; whoever shows them guards who may see them.
 */
export async function consentStatistics(deps: ConsentDeps, from: Date): Promise<ConsentStatistics> {
  const [subjects, byMethod] = await Promise.all([store.subjectsWithGpc(deps.db, from), store.decisionsByMethod(deps.db, from)]);
  return { subjects: subjects.subjects, withGpc: subjects.gpc, byMethod: byMethod.map((r) => ({ method: r.method, decision: r.decision, records: Number(r.records) })) };
}
