import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './consent.store.js';
import type { ConsentSubject } from './consent.store.js';
import type { ConsentTables } from './consent.tables.js';

/**
 * Whether the subject's newest decision about `scope` is a yes: no answer is no consent, and a
 * withdrawal counts from the moment it is written. For egress's processing check, inside its work.
 */
export async function hasConsent(work: Work, subject: ConsentSubject, scope: string): Promise<boolean> {
  const [newest] = await store.newestRecords(tablesOf<ConsentTables>(work), subject, [scope]);
  return newest?.decision === 'given';
}

/** Whether the subject opted out of `scope` (refused or withdrew; a GPC signal is an opt-out). */
export async function hasOptedOut(work: Work, subject: ConsentSubject, scope: string): Promise<boolean> {
  const [newest] = await store.newestRecords(tablesOf<ConsentTables>(work), subject, [scope]);
  return newest !== undefined && newest.decision !== 'given';
}

/** The newest decision on each of `scopes` the person answered, with how and when (for a preferences page). */
export async function newestDecisions(work: Work, userId: string, scopes: string[]) {
  if (scopes.length === 0) return [];
  return store.newestRecords(tablesOf<ConsentTables>(work), { userId, visitorId: null }, scopes);
}

/** The person's decisions, newest first (their consent history). */
export async function decisionHistory(work: Work, userId: string, limit: number) {
  return store.recordsOf(tablesOf<ConsentTables>(work), { userId, visitorId: null }, limit);
}
