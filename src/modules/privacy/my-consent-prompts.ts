import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as store from './privacy.store.js';
import type { ConsentAnswer, PrivacyTables, PromptPurpose } from './privacy.tables.js';
import { readJson } from './stored-json.js';

/** Questions a policy change left for this person: asked at their next sign-in. */
export async function listMyConsentPrompts(deps: PrivacyDeps, principal: Principal) {
  const rows = await store.listPendingPrompts(deps.db, principal.userId);
  return rows.map((r) => ({ id: r.id, version: r.version, purposes: readJson<PromptPurpose[]>(r.purposes), createdAt: r.created_at }));
}

export async function answerConsentPrompt(deps: PrivacyDeps, principal: Principal, id: string, answer: ConsentAnswer, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const answered = await store.answerPrompt(tablesOf<PrivacyTables>(work), principal.userId, id, answer, deps.now());
    if (!answered) throw privacyErrors.noPrompt();
    const purposes = readJson<PromptPurpose[]>(answered.purposes).map((p) => p.id);
    await deps.onConsentAnswered?.(work, { userId: principal.userId, purposes, accepted: answer === 'accept' });
    await work.audit({
      action: answer === 'accept' ? 'privacy.consent_given' : 'privacy.consent_declined',
      subjectId: principal.userId,
      target: { type: 'consent_prompt', id },
      details: { version: answered.version, purposes },
    });
    return { id, version: answered.version, answer, answeredAt: answered.answered_at, purposes };
  });
}
