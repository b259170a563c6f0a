import type { Queryable } from '../../platform/db/index.js';
import type { ActiveVersion } from '../privacy/index.js';
import { subjectOf, type Chooser } from './chooser.js';
import { buildNotice, optionalCategories } from './consent-notice.js';
import { cookieScope, purposeScope, SALE_SHARING_SCOPE } from './consent-scopes.js';
import type { ConsentDeps } from './consent.deps.js';
import type { TConsentState } from './consent.schema.js';
import * as store from './consent.store.js';
import type { ConsentSubject } from './consent.store.js';
import type { ConsentTables } from './consent.tables.js';

const HISTORY = 50;

/** The notice in force and where the subject stands under it: what the banner and settings page show. */
export async function consentState(deps: ConsentDeps, who: Chooser): Promise<TConsentState> {
  return stateOf(deps.db, await deps.policy.current(), subjectOf(who));
}

export async function stateOf(db: Queryable<ConsentTables>, active: ActiveVersion, subject: ConsentSubject): Promise<TConsentState> {
  const notice = buildNotice(active);
  const newest = new Map((await store.newestRecords(db, subject)).map((r) => [r.scope, r]));
  const optional = optionalCategories(notice);
  const categories = Object.fromEntries(optional.map((c) => [c.id, newest.get(cookieScope(c.id))?.decision === 'given']));
  const purposes = Object.fromEntries(notice.purposes.map((p) => [p.id, newest.get(purposeScope(p.id))?.decision === 'given']));
  const asked = optional.map((c) => newest.get(cookieScope(c.id)));
  const decided = asked.every((r) => r !== undefined);
  // Asked again when a choice was made under another notice: a significant change names new uses.
  const askAgain = decided && asked.some((r) => r !== undefined && r.notice_hash !== notice.noticeHash && r.method !== 'gpc');
  const history = (await store.recordsOf(db, subject, HISTORY)).map((r) => ({
    id: r.id,
    scope: r.scope,
    decision: r.decision,
    method: r.method,
    policyVersion: r.policy_version,
    policyHash: r.policy_hash,
    noticeHash: r.notice_hash,
    decidedAt: r.decided_at,
  }));
  return { notice, decided: decided && !askAgain, categories, purposes, gpc: newest.get(SALE_SHARING_SCOPE)?.method === 'gpc', askAgain, history };
}
