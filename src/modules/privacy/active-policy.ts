import type { Queryable } from '../../platform/db/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { documentHash } from './document-hash.js';
import { policyValues, validateManifest, type PolicyValues, type TManifest } from './manifest/index.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as store from './privacy.store.js';
import type { PrivacyTables } from './privacy.tables.js';

export type ActiveVersion = {
  version: number;
  publishedAt: Date;
  effectiveAt: Date;
  yaml: string;
  /** documentHash(yaml): what a sign-up sends back to say which text was accepted. */
  hash: string;
  manifest: TManifest;
  values: PolicyValues;
};

const DEFAULT_RECHECK_MS = 2000;

/** A manifest text parsed ahead of its need, once, for the first parseStoredManifest of that same text. */
let parsedAhead: { yaml: string; manifest: TManifest } | undefined;

/**
 * Parses and validates `yaml` now, when the caller knows the thread is otherwise waiting (a server
 * start, while its database opens): the first parseStoredManifest of the same text then takes the
 * result instead of parsing it again (50–140 ms of a start; issue #12). Only an exact text matches, so
 * the stored policy is what counts; the result is handed out once, so no two apps share its objects.
 */
export function parseManifestAhead(yaml: string): TManifest | undefined {
  const parsed = validateManifest(yaml, 'manifest');
  parsedAhead = parsed.ok ? { yaml, manifest: parsed.manifest } : undefined;
  return parsedAhead?.manifest;
}

/** Only valid manifests are ever stored; a failure here means the row was edited by hand. */
export function parseStoredManifest(version: number, yaml: string): TManifest {
  if (parsedAhead?.yaml === yaml) {
    const { manifest } = parsedAhead;
    parsedAhead = undefined;
    return manifest;
  }
  const parsed = validateManifest(yaml, `manifest version ${version}`);
  if (!parsed.ok) throw new Error(`Stored privacy manifest version ${version} is not valid: ${parsed.problems[0]?.message ?? 'unknown problem'}`);
  return parsed.manifest;
}

/**
 * The version of the policy in force, cached. Other processes may publish, and a published
 * significant change may take force later, so the cache asks the database for the number of the
 * version in force (one indexed row) at most every `recheckMs`, and reloads only when it moved.
 */
export function createActivePolicy(
  deps: Pick<PrivacyDeps, 'db' | 'now' | 'recheckMs'> & {
    /**
     * Publishes the bundled default when nothing is published yet. Called on first need rather than
     * when the app is built, so an installation stays empty until it is used (a restore needs that).
     * Never call `current()` inside an open transaction: on PGlite this would wait for it forever.
     */
    publishFirstVersion: () => Promise<unknown>;
  },
) {
  const recheckMs = deps.recheckMs ?? DEFAULT_RECHECK_MS;
  let cached: ActiveVersion | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;

  async function load(version: number, db: Queryable<PrivacyTables> = deps.db): Promise<ActiveVersion> {
    const row = await store.findVersion(db, version);
    if (!row) throw privacyErrors.noVersion(version);
    const manifest = parseStoredManifest(version, row.yaml);
    return { version, publishedAt: row.published_at, effectiveAt: row.effective_at, yaml: row.yaml, hash: documentHash(row.yaml), manifest, values: policyValues(manifest) };
  }

  async function current(): Promise<ActiveVersion> {
    const now = deps.now();
    if (cached && now.getTime() - checkedAt < recheckMs) return cached;
    let version = await store.findActiveVersionNumber(deps.db, now);
    if (version === undefined) {
      // A new installation publishes its first version. Another process, or another call here, may
      // have just done so between the two reads: asked again either way, with the time as it is now.
      if (!(await store.findLatestVersion(deps.db))) await deps.publishFirstVersion();
      version = await store.findActiveVersionNumber(deps.db, deps.now());
    }
    if (version === undefined) throw privacyErrors.nothingPublished();
    if (cached?.version !== version) cached = await load(version);
    checkedAt = now.getTime();
    return cached;
  }

  /**
   * The version in force as the transaction of `work` sees it: for checks made inside a change (the
   * egress module's), which must neither open a second connection (PGlite has one) nor trust a cache
   * older than the change. Reuses the cached parse when the version number matches.
   */
  async function inWork(work: Work): Promise<ActiveVersion> {
    const db = tablesOf<PrivacyTables>(work);
    const version = await store.findActiveVersionNumber(db, deps.now());
    if (version === undefined) throw privacyErrors.nothingPublished();
    if (cached?.version === version) return cached;
    return load(version, db);
  }

  return {
    current,
    inWork,
    values: async () => (await current()).values,
    /** Called after this process publishes, so its own change shows at once. */
    invalidate: () => {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
    /** Loads any published version (for history and diffs); not cached. */
    load: (version: number) => load(version),
  };
}
export type ActivePolicy = ReturnType<typeof createActivePolicy>;
