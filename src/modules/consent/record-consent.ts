import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../platform/http/index.js';
import { subjectOf, type Chooser } from './chooser.js';
import { byPrincipal, SYSTEM_ACTOR, tablesOf, type Work, type Who } from '../../platform/unit-of-work/index.js';
import { buildNotice, optionalCategories, type ConsentNotice } from './consent-notice.js';
import { cookieScope, purposeScope, SALE_SHARING_SCOPE } from './consent-scopes.js';
import type { ConsentDeps } from './consent.deps.js';
import { consentErrors } from './consent.errors.js';
import type { TChoose, TConsentState } from './consent.schema.js';
import { stateOf } from './consent-state.js';
import * as store from './consent.store.js';
import type { ConsentSubject } from './consent.store.js';
import type { ConsentDecision, ConsentMethod, ConsentTables } from './consent.tables.js';


/**
 * A choice from the banner or the settings page: one record per scope whose answer changed (or was
 * never given, or was given under another notice), each audited, in one work. Withdrawing is the same
 * call with `false`, as easy as giving. A Global Privacy Control signal the policy honours turns
 * advertising off whatever was ticked, and records the sale/sharing opt-out.
 */
export async function recordConsent(deps: ConsentDeps, who: Chooser, input: TChoose, ctx: Pick<RequestContext, 'requestId'>): Promise<TConsentState> {
  const subject = subjectOf(who);
  if (input.purposes && Object.keys(input.purposes).length > 0 && !subject.userId) throw consentErrors.purposesNeedAccount();
  return deps.uow.run(whoActs(who, ctx), async (work) => {
    const active = await deps.policy.inWork(work);
    const notice = buildNotice(active);
    if (input.policyVersion !== notice.policyVersion || input.noticeHash !== notice.noticeHash) throw consentErrors.noticeChanged();
    const wanted = wantedScopes(notice, input);
    const gpc = input.gpc === true && notice.gpcHonoured;
    if (gpc) wanted.set(cookieScope('advertising'), { give: false, method: 'gpc' });
    if (gpc) wanted.set(SALE_SHARING_SCOPE, { give: false, method: 'gpc' });
    await writeDecisions(deps, work, subject, notice, wanted, input.method);
    return stateOf(tablesOf<ConsentTables>(work), active, subject);
  });
}

/**
 * A `Sec-GPC: 1` request header (or the browser's navigator.globalPrivacyControl) from a known visitor
 * or person, under a policy that honours it: recorded once as an opt-out of sale, sharing and
 * targeted advertising (and advertising cookies refused). Nothing when already recorded.
 */
export async function recordGpcSignal(deps: ConsentDeps, who: Chooser, ctx: Pick<RequestContext, 'requestId'>): Promise<boolean> {
  const subject = subjectOf(who);
  if (!subject.userId && !subject.visitorId) return false;
  const active = await deps.policy.current();
  const notice = buildNotice(active);
  if (!notice.gpcHonoured) return false;
  const newest = await store.newestRecords(deps.db, subject, [SALE_SHARING_SCOPE]);
  if (newest[0]?.method === 'gpc' && newest[0].decision !== 'given') return false;
  return deps.uow.run(whoActs(who, ctx), async (work) => {
    const wanted = new Map<string, Wanted>([[SALE_SHARING_SCOPE, { give: false, method: 'gpc' }]]);
    if (notice.categories.some((c) => c.id === 'advertising')) wanted.set(cookieScope('advertising'), { give: false, method: 'gpc' });
    await writeDecisions(deps, work, subject, notice, wanted, 'gpc');
    return true;
  });
}

type Wanted = { give: boolean; method?: ConsentMethod };

function wantedScopes(notice: ConsentNotice, input: TChoose): Map<string, Wanted> {
  const optional = optionalCategories(notice).map((c) => c.id as string);
  const unknownCategories = Object.keys(input.categories).filter((id) => !optional.includes(id));
  if (unknownCategories.length) throw consentErrors.unknownCategories(unknownCategories, optional);
  const purposeIds = notice.purposes.map((p) => p.id);
  const unknownPurposes = Object.keys(input.purposes ?? {}).filter((id) => !purposeIds.includes(id));
  if (unknownPurposes.length) throw consentErrors.unknownPurposes(unknownPurposes, purposeIds);
  const wanted = new Map<string, Wanted>();
  // A category left out of the answer is not consented to: only a yes is consent.
  for (const id of optional) wanted.set(`cookies:${id}`, { give: input.categories[id] === true });
  for (const [id, give] of Object.entries(input.purposes ?? {})) wanted.set(purposeScope(id), { give });
  return wanted;
}

async function writeDecisions(deps: Pick<ConsentDeps, 'now'>, work: Work, subject: ConsentSubject, notice: ConsentNotice, wanted: Map<string, Wanted>, method: ConsentMethod) {
  const db = tablesOf<ConsentTables>(work);
  const newest = new Map((await store.newestRecords(db, subject, [...wanted.keys()])).map((r) => [r.scope, r]));
  const now = deps.now();
  for (const [scope, want] of wanted) {
    const previous = newest.get(scope);
    const decision: ConsentDecision = want.give ? 'given' : previous?.decision === 'given' ? 'withdrawn' : 'refused';
    // Recorded when the answer changes, or is first given, or is given again under a new notice.
    if (previous && (previous.decision === 'given') === want.give && previous.notice_hash === notice.noticeHash) continue;
    const id = randomUUID();
    const row = {
      id,
      user_id: subject.userId,
      // A person's records name only them: their retention is that of consent records, not of cookie ids.
      visitor_id: subject.userId ? null : subject.visitorId,
      scope,
      decision,
      method: want.method ?? method,
      policy_version: notice.policyVersion,
      policy_hash: notice.policyHash,
      notice_hash: notice.noticeHash,
      decided_at: now,
    };
    await store.insertRecord(db, row);
    await work.audit({
      action: `consent.${decision}`,
      subjectId: subject.userId,
      target: { type: 'consent_record', id },
      details: { scope, method: row.method, policyVersion: notice.policyVersion, policyHash: notice.policyHash, noticeHash: notice.noticeHash, visitor: subject.userId === null },
    });
  }
}


/** A signed-in person acts as themselves; an anonymous visitor's choice is written by the system for them. */
export function whoActs(who: Chooser, ctx: Pick<RequestContext, 'requestId'>): Who {
  return who.principal ? byPrincipal(who.principal, ctx) : { actor: SYSTEM_ACTOR, requestId: ctx.requestId };
}

/**
 * A consent question after a significant policy change, answered on the person's account page
 * (privacy's consent prompts): one record per purpose asked, in the answer's own work.
 */
export async function recordPromptAnswer(deps: Pick<ConsentDeps, 'now' | 'policy'>, work: Work, input: { userId: string; purposes: string[]; accepted: boolean }) {
  const notice = buildNotice(await deps.policy.inWork(work));
  const wanted = new Map<string, Wanted>(input.purposes.map((id) => [purposeScope(id), { give: input.accepted }]));
  await writeDecisions(deps, work, { userId: input.userId, visitorId: null }, notice, wanted, 'account_page');
}

/**
 * Choices made elsewhere than the banner (marketing preferences, sign-up ticks, an unsubscribe link):
 * one record per scope whose answer changed, each audited, in the caller's work.
 */
export async function recordChoices(deps: Pick<ConsentDeps, 'now' | 'policy'>, work: Work, input: { userId: string; choices: Array<{ scope: string; give: boolean }>; method: ConsentMethod }) {
  const notice = buildNotice(await deps.policy.inWork(work));
  const wanted = new Map<string, Wanted>(input.choices.map((c) => [c.scope, { give: c.give }]));
  await writeDecisions(deps, work, { userId: input.userId, visitorId: null }, notice, wanted, input.method);
}
