import { cookieScope, hasConsent, hasOptedOut, purposeScope, SALE_SHARING_SCOPE, type ConsentSubject } from '../consent/index.js';
import { consentPurposesOf, type ConsentKind, type TManifest } from '../privacy/index.js';
import type { ProcessingKind } from './egress.tables.js';

/**
 * The kinds of processing that rest on consent wherever the manifest says so, and the use (cookie
 * category of the banner, and consent-based purposes named for it: privacy's `consentPurposesOf`)
 * that stands for them. Marketing asks consent per purpose (handOver's `purpose`), channel by
 * channel, in its own issue.
 */
const CONSENT_KINDS: Partial<Record<ProcessingKind, ConsentKind>> = {
  analytics: 'analytics',
  profiling: 'advertising',
};

/**
 * The consent scopes any one of which allows `kind` under this manifest, or null when the manifest
 * does not base it on consent (it declares no such cookie and no such consent-based purpose).
 */
export function consentScopesFor(manifest: TManifest, kind: ProcessingKind): string[] | null {
  const use = CONSENT_KINDS[kind];
  if (!use) return null;
  const purposes = consentPurposesOf(manifest, use);
  const cookies = (manifest.cookies ?? []).some((c) => c.category === use);
  if (purposes.length === 0 && !cookies) return null;
  return [...(cookies ? [cookieScope(use)] : []), ...purposes.map((p) => purposeScope(p.id))];
}

export type ConsentVerdict = 'allowed' | 'consent_missing' | 'opted_out';

/**
 * Whether the subject's consent records allow `kind`: an opt-out of sale, sharing and targeted
 * advertising (Global Privacy Control) stops profiling whatever else was ticked; otherwise a kind
 * that rests on consent needs a yes, the newest answer counting.
 */
export async function consentVerdict(work: Parameters<typeof hasConsent>[0], manifest: TManifest, subject: ConsentSubject, kind: ProcessingKind): Promise<ConsentVerdict> {
  if (kind === 'profiling' && (await hasOptedOut(work, subject, SALE_SHARING_SCOPE))) return 'opted_out';
  const scopes = consentScopesFor(manifest, kind);
  if (!scopes) return 'allowed';
  for (const scope of scopes) if (await hasConsent(work, subject, scope)) return 'allowed';
  return 'consent_missing';
}
