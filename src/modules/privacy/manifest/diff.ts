import { consentPurposesOf } from './consent-kinds.js';
import { compareDurations } from './durations.js';
import type { AnalyticsMode, TCategoryDeclaration, TCookie, TJurisdiction, TManifest, TPurpose, TRecipient, TRetentionRule } from './schema.js';
import type { CategoryId } from './taxonomy.js';

export interface Changed<T> {
  readonly id: string;
  readonly before: T;
  readonly after: T;
}

export interface ListDiff<T> {
  readonly added: T[];
  readonly removed: T[];
  readonly changed: Changed<T>[];
}

/** Retention compared per category, since a rule may group several categories. */
export interface RetentionChange extends Changed<TRetentionRule> {
  readonly lengthened: boolean;
}

export interface ManifestDiff {
  readonly categories: ListDiff<TCategoryDeclaration>;
  readonly purposes: ListDiff<TPurpose>;
  readonly recipients: ListDiff<TRecipient>;
  readonly retention: { readonly added: { id: string; rule: TRetentionRule }[]; readonly removed: { id: string; rule: TRetentionRule }[]; readonly changed: RetentionChange[] };
  readonly cookies: ListDiff<TCookie>;
  readonly jurisdictions: ListDiff<TJurisdiction>;
  readonly minimumAge: { readonly before: number; readonly after: number } | undefined;
  readonly saleAndSharing: Changed<TManifest['sale_and_sharing']> | undefined;
  /** How first-party analytics count (`analytics`, `consent` when left out), when that changed, and the new policy's consent-based analytics purposes. */
  readonly analyticsMode: { readonly before: AnalyticsMode; readonly after: AnalyticsMode; readonly consentPurposes: string[] } | undefined;
  /** Other top-level sections (operator, transfers, changes, security, backup retention, rights methods) that differ. */
  readonly otherSections: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffList<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): ListDiff<T> {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  return {
    added: after.filter((item) => !old.has(key(item))),
    removed: before.filter((item) => !now.has(key(item))),
    changed: after.flatMap((item) => {
      const previous = old.get(key(item));
      return previous !== undefined && !same(previous, item) ? [{ id: key(item), before: previous, after: item }] : [];
    }),
  };
}

function retentionByCategory(manifest: TManifest): Map<CategoryId, TRetentionRule> {
  const map = new Map<CategoryId, TRetentionRule>();
  for (const rule of manifest.retention) for (const category of rule.categories) if (!map.has(category)) map.set(category, rule);
  return map;
}

function diffRetention(a: TManifest, b: TManifest): ManifestDiff['retention'] {
  const before = retentionByCategory(a);
  const after = retentionByCategory(b);
  const strip = (rule: TRetentionRule) => ({ ...rule, categories: [] });
  const changed: RetentionChange[] = [];
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (old && !same(strip(old), strip(rule))) {
      changed.push({ id, before: old, after: rule, lengthened: compareDurations(rule.duration, old.duration) > 0 });
    }
  }
  return {
    added: [...after].filter(([id]) => !before.has(id)).map(([id, rule]) => ({ id, rule })),
    removed: [...before].filter(([id]) => !after.has(id)).map(([id, rule]) => ({ id, rule })),
    changed,
  };
}

const analyticsModeOf = (m: TManifest): AnalyticsMode => m.analytics ?? 'consent';

/** A structured, semantic diff between two manifests: what a person would call a change. */
export function diffManifests(a: TManifest, b: TManifest): ManifestDiff {
  const others = ['operator', 'transfers', 'changes', 'security', 'language', 'acceptance', 'backup_retention'] as const;
  const otherSections: string[] = others.filter((key) => !same(a[key], b[key]));
  if (!same(a.rights.methods, b.rights.methods)) otherSections.push('rights.methods');
  return {
    categories: diffList(a.categories, b.categories, (c) => c.id),
    purposes: diffList(a.purposes, b.purposes, (p) => p.id),
    recipients: diffList(a.recipients, b.recipients, (r) => r.id),
    retention: diffRetention(a, b),
    cookies: diffList(a.cookies ?? [], b.cookies ?? [], (c) => c.name),
    jurisdictions: diffList(a.rights.jurisdictions, b.rights.jurisdictions, (j) => j.id),
    minimumAge: a.minimum_age === b.minimum_age ? undefined : { before: a.minimum_age, after: b.minimum_age },
    saleAndSharing: same(a.sale_and_sharing, b.sale_and_sharing) ? undefined : { id: 'sale_and_sharing', before: a.sale_and_sharing, after: b.sale_and_sharing },
    analyticsMode: analyticsModeOf(a) === analyticsModeOf(b) ? undefined : { before: analyticsModeOf(a), after: analyticsModeOf(b), consentPurposes: consentPurposesOf(b, 'analytics').map((p) => p.id) },
    otherSections,
  };
}

export function isEmptyDiff(diff: ManifestDiff): boolean {
  const lists = [diff.categories, diff.purposes, diff.recipients, diff.retention, diff.cookies, diff.jurisdictions];
  return lists.every((l) => l.added.length + l.removed.length + l.changed.length === 0) && !diff.minimumAge && !diff.saleAndSharing && !diff.analyticsMode && diff.otherSections.length === 0;
}
