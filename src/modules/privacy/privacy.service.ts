import type { Principal, RequestContext } from '../accounts/index.js';
import type { TActor } from '../audit/index.js';
import { createActivePolicy } from './active-policy.js';
import { answerConsentPrompt, listMyConsentPrompts } from './my-consent-prompts.js';
import { acknowledgeNotice, listMyNotices } from './my-policy-notices.js';
import { checkDraft, diffVersions, findVersionOrFail, listVersions } from './policy-history.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { defineNotifyChangeJob, privacyJobs } from './privacy.jobs.js';
import { UndeclaredCategoriesError } from './privacy.errors.js';
import type { ConsentAnswer } from './privacy.tables.js';
import { publishDefaultIfNone, publishManifest, readDefaultManifest, undeclaredCategories } from './publish-manifest.js';
import * as store from './privacy.store.js';

export type PrivacyService = ReturnType<typeof createPrivacyService>;

/** The privacy use-cases bound to their dependencies; the app registers `jobs`. */
export function createPrivacyService(deps: PrivacyDeps) {
  const notifyJob = defineNotifyChangeJob(deps);
  const policy = createActivePolicy({ ...deps, publishFirstVersion: () => publishDefaultIfNone({ ...deps, policy, notifyJob }) });
  const withPolicy = { ...deps, policy, notifyJob };
  return {
    /** The version in force and its policy values: the one way code reads a policy value. */
    policy,
    notifyJob,
    jobs: privacyJobs({ notifyJob }),
    publishDefaultIfNone: () => publishDefaultIfNone(withPolicy),
    /**
     * Throws UndeclaredCategoriesError when the version in force — or, before anything is published,
     * the default manifest that will become version 1 — omits a category the code stores.
     */
    async assertDeclaresStoredCategories() {
      const active = await store.findActiveVersionNumber(deps.db, deps.now());
      const { version, manifest } = active === undefined ? { version: 1, manifest: await readDefaultManifest(deps.defaultManifestPath) } : await policy.current();
      const missing = undeclaredCategories(manifest, deps.storedCategories);
      if (missing.size > 0) throw new UndeclaredCategoriesError(version, missing);
    },
    publish: (actor: TActor, yaml: string, ctx: { requestId: string | null; file?: string }) => publishManifest(withPolicy, actor, yaml, ctx),
    checkDraft: (yaml: string) => checkDraft(withPolicy, yaml),
    listVersions: () => listVersions(withPolicy),
    diffVersions: (from: number, to: number) => diffVersions(withPolicy, from, to),
    version: (version: number) => findVersionOrFail(withPolicy, version),
    myNotices: (p: Principal) => listMyNotices(deps, p),
    acknowledgeNotice: (p: Principal, version: number, ctx: RequestContext) => acknowledgeNotice(deps, p, version, ctx),
    myConsentPrompts: (p: Principal) => listMyConsentPrompts(deps, p),
    answerConsentPrompt: (p: Principal, id: string, answer: ConsentAnswer, ctx: RequestContext) => answerConsentPrompt(deps, p, id, answer, ctx),
  };
}
