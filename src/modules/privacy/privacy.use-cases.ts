import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { createActivePolicy } from './active-policy.js';
import { checkManifest } from './check-manifest.js';
import { answerConsentPrompt, listMyConsentPrompts } from './my-consent-prompts.js';
import { acknowledgeNotice, listMyNotices } from './my-policy-notices.js';
import { acceptPolicy, createAcceptanceGate } from './first-acceptance.js';
import { myLastAcceptance } from './policy-acceptance.js';
import { defineNotifyChangeJob } from './privacy.jobs.js';
import { checkDraft, diffVersions, findVersionOrFail, listVersions } from './policy-history.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { assertDeclaresStoredCategories, publishDefaultIfNone, publishManifest, type PublishDeps } from './publish-manifest.js';

/**
 * The module's dependencies with what it builds on them: the policy in force (cached; the one way code
 * reads a policy value), the change-notice job, which the app registers with the job queue, and the
 * gate that holds back an account whose owner has not accepted the policy (first-acceptance.ts).
 */
export function createPrivacyDeps(deps: PrivacyDeps): PublishDeps {
  const notifyJob = defineNotifyChangeJob(deps);
  const policy = createActivePolicy({ ...deps, publishFirstVersion: () => publishDefaultIfNone(withPolicy) });
  const acceptanceGate = createAcceptanceGate({ ...deps, policy });
  const withPolicy: PublishDeps = { ...deps, policy, notifyJob, acceptanceGate };
  return withPolicy;
}

/** The privacy use-cases; the app binds them to `createPrivacyDeps(...)` once (bindUseCases). */
export const privacyUseCases = {
  publishDefaultIfNone,
  assertDeclaresStoredCategories,
  publish: publishManifest,
  checkManifest,
  checkDraft,
  listVersions,
  diffVersions,
  version: findVersionOrFail,
  myNotices: listMyNotices,
  acknowledgeNotice,
  myConsentPrompts: listMyConsentPrompts,
  answerConsentPrompt,
  myLastAcceptance,
  acceptPolicy,
};

export type PrivacyUseCases = BoundUseCases<PublishDeps, typeof privacyUseCases>;
