import type { TManifest, TPurpose } from './schema.js';

/** The consent-based uses a cookie category of the banner stands for. */
export type ConsentKind = 'analytics' | 'advertising';

/**
 * The words by which a consent-based purpose of the manifest is one of these uses, read from its id
 * or name (as the manifest reference reads "advertising"): egress's processing check and the
 * classification of a policy change share them.
 */
const WORDS: Record<ConsentKind, RegExp> = {
  analytics: /analytic/i,
  advertising: /advertis|personalis|personaliz|interest/i,
};

/** The manifest's consent-based purposes of this kind (website analytics, interest-based ads…). */
export function consentPurposesOf(manifest: TManifest, kind: ConsentKind): TPurpose[] {
  return manifest.purposes.filter((p) => p.legal_basis === 'consent' && (WORDS[kind].test(p.id) || WORDS[kind].test(p.name)));
}
