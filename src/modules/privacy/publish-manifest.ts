import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { StoredRows } from '../../platform/registry/index.js';
import { SYSTEM_ACTOR, tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import {
  addDurationToDate,
  classifyChange,
  describeDiff,
  diffManifests,
  isEmptyDiff,
  isOperatingRecord,
  validateManifest,
  type ManifestProblem,
  type TManifest,
} from './manifest/index.js';
import { parseStoredManifest, type ActivePolicy } from './active-policy.js';
import type { AcceptanceGate } from './first-acceptance.js';
import type { NotifyChangeJob } from './notify-change.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors, UndeclaredCategoriesError } from './privacy.errors.js';
import * as store from './privacy.store.js';
import type { ChangeLevel, PrivacyTables, StoredChange } from './privacy.tables.js';

export type PublishDeps = PrivacyDeps & { policy: ActivePolicy; notifyJob: NotifyChangeJob; acceptanceGate: AcceptanceGate };

export type PublishedVersion = {
  version: number;
  changeLevel: ChangeLevel;
  publishedAt: Date;
  effectiveAt: Date;
  summary: string;
  reasons: string[];
  consentPurposes: string[];
  /** Whether every user is being e-mailed a notice (by the privacy.notify-change job). */
  notifying: boolean;
};

/** Categories the code stores that the manifest does not declare, with where they are stored. */
export function undeclaredCategories(manifest: TManifest, stored: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  const declared = new Set<string>(manifest.categories.map((c) => c.id));
  return new Map([...stored].filter(([category]) => !declared.has(category)));
}

function lineOf(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}

/** Validation plus the installation's own rule: the manifest must declare every category the code stores. */
export function checkManifestForInstallation(yaml: string, file: string, stored: ReadonlyMap<string, readonly string[]>) {
  const result = validateManifest(yaml, file);
  if (!result.ok) return result;
  const missing = undeclaredCategories(result.manifest, stored);
  if (missing.size === 0) return result;
  const line = lineOf(yaml, 'categories');
  const problems: ManifestProblem[] = [...missing].map(([category, columns]) => ({
    file,
    line,
    column: 1,
    path: 'categories',
    message: `this installation stores "${category}" (in ${columns.slice(0, 3).join(', ')}${columns.length > 3 ? ', …' : ''}), so the manifest must declare it`,
    kind: 'semantic',
  }));
  return { ok: false as const, problems };
}

function effectiveDate(now: Date, level: ChangeLevel, previous: { manifest: TManifest; effectiveAt: Date } | undefined): Date {
  if (!previous) return now;
  // The promise in force when the change is announced says how long before a significant change applies.
  const day = level === 'significant' ? addDurationToDate(now, previous.manifest.changes.effective_after) : now.toISOString().slice(0, 10);
  const at = new Date(`${day}T${now.toISOString().slice(11)}`);
  // Never before the version it replaces: versions take force in the order they were published.
  return at < previous.effectiveAt ? previous.effectiveAt : at;
}

/**
 * A version that stops declaring a category while rows still hold it would leave data kept under no
 * promise: refused with the count of rows, table by table. Operating records are never declared.
 */
async function refuseDroppingHeldCategories(work: Work, deps: PublishDeps, before: TManifest, after: TManifest): Promise<void> {
  const kept = new Set<string>(after.categories.map((c) => c.id));
  const dropped = before.categories.map((c) => c.id).filter((id) => !kept.has(id) && !isOperatingRecord(id));
  const held: Array<{ category: string; tables: StoredRows[] }> = [];
  for (const category of dropped) {
    const tables = await deps.storedRows(work, category);
    if (tables.length > 0) held.push({ category, tables });
  }
  if (held.length > 0) throw privacyErrors.categoriesStillStored(held);
}

/** In the work that holds the versions' lock: the next version, its audit entry and, when due, the notice job. */
async function insertNextVersion(work: Work, deps: PublishDeps, yaml: string, manifest: TManifest): Promise<PublishedVersion> {
  const db = tablesOf<PrivacyTables>(work);
  const now = deps.now();
  const latest = await store.findLatestVersion(db);
  let previous: { version: number; manifest: TManifest; effectiveAt: Date } | undefined;
  if (latest) previous = { version: latest.version, manifest: parseStoredManifest(latest.version, latest.yaml), effectiveAt: latest.effective_at };
  let level: ChangeLevel = 'initial';
  let change: StoredChange = { sentences: ['First published version.'], reasons: [], consentPurposes: [] };
  if (previous) {
    const diff = diffManifests(previous.manifest, manifest);
    if (isEmptyDiff(diff)) throw privacyErrors.unchanged(previous.version);
    await refuseDroppingHeldCategories(work, deps, previous.manifest, manifest);
    const classification = classifyChange(diff);
    level = classification.level;
    change = { sentences: describeDiff(diff), reasons: classification.reasons, consentPurposes: classification.consentPurposes };
  }
  const version = (previous?.version ?? 0) + 1;
  const effectiveAt = effectiveDate(now, level, previous);
  const id = randomUUID();
  const summary = change.sentences.join(' ');
  await store.insertVersion(db, { id, version, yaml, published_at: now, effective_at: effectiveAt, published_by: work.actor.id, change_level: level, summary, diff: change });
  const scope = previous?.manifest.changes.notify_individually_for;
  const notifying = level === 'significant' || (level === 'minor' && scope === 'all');
  await work.audit({
    action: 'privacy.manifest_published',
    target: { type: 'manifest_version', id },
    details: { version, changeLevel: level, effectiveAt: effectiveAt.toISOString(), reasons: change.reasons, consentPurposes: change.consentPurposes, notifying },
  });
  if (notifying) await work.enqueue(deps.notifyJob, { version });
  return { version, changeLevel: level, publishedAt: now, effectiveAt, summary, reasons: change.reasons, consentPurposes: change.consentPurposes, notifying };
}

/**
 * Publishes a new, immutable version. Refused with every problem listed when the manifest is invalid
 * or omits a category the installation stores (it would not be allowed to run under it), and when it
 * states nothing new. A significant change queues the e-mail notices in the same transaction.
 */
export async function publishManifest(deps: PublishDeps, actor: TActor, yaml: string, ctx: { requestId: string | null; file?: string }): Promise<PublishedVersion & { warnings: ManifestProblem[] }> {
  const checked = checkManifestForInstallation(yaml, ctx.file ?? 'manifest.yaml', deps.storedCategories);
  if (!checked.ok) throw privacyErrors.invalidManifest(checked.problems);
  const published = await deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
    await store.lockVersions(tablesOf<PrivacyTables>(work));
    return insertNextVersion(work, deps, yaml, checked.manifest);
  });
  deps.policy.invalidate();
  // The same warnings `manifest check` prints: they never block, and the publisher is told them.
  return { ...published, warnings: checked.warnings };
}

function parseDefaultManifest(yaml: string, path: string): TManifest {
  const result = validateManifest(yaml, path);
  if (result.ok) return result.manifest;
  throw new Error(`The default privacy manifest is not valid, so no policy can be published:\n${result.problems.map((p) => `  ${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`).join('\n')}`);
}

export async function readDefaultManifest(path: string): Promise<TManifest> {
  return parseDefaultManifest(await readFile(path, 'utf8'), path);
}

/**
 * First start: an installation without a policy publishes the bundled default as version 1. Two
 * processes starting together serialise on the lock; the second finds the version and does nothing.
 */
export async function publishDefaultIfNone(deps: PublishDeps): Promise<PublishedVersion | null> {
  if (await store.findLatestVersion(deps.db)) return null;
  const yaml = await readFile(deps.defaultManifestPath, 'utf8');
  const manifest = parseDefaultManifest(yaml, deps.defaultManifestPath);
  const published = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<PrivacyTables>(work);
    await store.lockVersions(db);
    if (await store.findLatestVersion(db)) return null;
    return insertNextVersion(work, deps, yaml, manifest);
  });
  deps.policy.invalidate();
  return published;
}

/**
 * Throws UndeclaredCategoriesError when the version in force — or, before anything is published,
 * the default manifest that will become version 1 — omits a category the code stores.
 */
export async function assertDeclaresStoredCategories(deps: PublishDeps): Promise<void> {
  const active = await store.findActiveVersionNumber(deps.db, deps.now());
  const { version, manifest } = active === undefined ? { version: 1, manifest: await readDefaultManifest(deps.defaultManifestPath) } : await deps.policy.current();
  const missing = undeclaredCategories(manifest, deps.storedCategories);
  if (missing.size > 0) throw new UndeclaredCategoriesError(version, missing);
}
