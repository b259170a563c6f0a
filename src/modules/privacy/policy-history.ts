import { classifyChange, describeDiff, diffManifests, isEmptyDiff, renderPolicy, type ManifestProblem } from './manifest/index.js';
import type { ActivePolicy } from './active-policy.js';
import { checkManifest } from './check-manifest.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as store from './privacy.store.js';
import type { StoredChange } from './privacy.tables.js';
import { readJson } from './stored-json.js';

type HistoryDeps = Pick<PrivacyDeps, 'db' | 'storedCategories' | 'now'> & { policy: ActivePolicy };

export type VersionSummary = {
  version: number;
  publishedAt: Date;
  effectiveAt: Date;
  changeLevel: 'initial' | 'significant' | 'minor';
  summary: string;
  reasons: string[];
};

/** Every published version, newest first. */
export async function listVersions(deps: HistoryDeps): Promise<VersionSummary[]> {
  const rows = await store.listVersions(deps.db);
  return rows.map((r) => ({
    version: r.version,
    publishedAt: r.published_at,
    effectiveAt: r.effective_at,
    changeLevel: r.change_level,
    summary: r.summary,
    reasons: readJson<StoredChange>(r.diff).reasons,
  }));
}

/** The difference between any two published versions, in words, and whether it is significant. */
export async function diffVersions(deps: HistoryDeps, from: number, to: number) {
  const [a, b] = await Promise.all([deps.policy.load(from), deps.policy.load(to)]);
  const diff = diffManifests(a.manifest, b.manifest);
  const classification = classifyChange(diff);
  return { from, to, sentences: describeDiff(diff), level: classification.level, reasons: classification.reasons, consentPurposes: classification.consentPurposes };
}

export type DraftCheck = {
  valid: boolean;
  problems: ManifestProblem[];
  /** Printed with the problems; they do not stop publishing. */
  warnings: ManifestProblem[];
  preview: { html: string } | null;
  /** What publishing it would change compared with the latest version. */
  /** `unchanged`: it states exactly what the newest version states, so publishing it is refused. */
  change: { level: 'significant' | 'minor'; sentences: string[]; reasons: string[]; unchanged: boolean } | null;
};

/** For the editor: every problem, and when valid the policy as it would read and what would change. */
export async function checkDraft(deps: HistoryDeps, yaml: string): Promise<DraftCheck> {
  const checked = checkManifest(deps, yaml);
  if (!checked.ok) return { valid: false, problems: checked.problems, warnings: checked.warnings, preview: null, change: null };
  const latest = await store.findLatestVersion(deps.db);
  const html = renderPolicy(checked.manifest, { format: 'html', lastUpdated: deps.now(), version: `draft (after ${latest ? `version ${latest.version}` : 'none'})` });
  let change: DraftCheck['change'] = null;
  if (latest) {
    const diff = diffManifests((await deps.policy.load(latest.version)).manifest, checked.manifest);
    const classification = classifyChange(diff);
    change = { level: classification.level, sentences: describeDiff(diff), reasons: classification.reasons, unchanged: isEmptyDiff(diff) };
  }
  return { valid: true, problems: [], warnings: checked.warnings, preview: { html }, change };
}

export async function findVersionOrFail(deps: HistoryDeps, version: number) {
  const row = await store.findVersion(deps.db, version);
  if (!row) throw privacyErrors.noVersion(version);
  return row;
}
