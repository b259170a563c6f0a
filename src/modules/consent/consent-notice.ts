import { createHash } from 'node:crypto';
import { COOKIE_CATEGORY_WORDS, describeDuration, type ActiveVersion, type AnalyticsMode, type CookieCategory, type TManifest } from '../privacy/index.js';

export type NoticeCookie = { name: string; provider: string; purpose: string; lifetime: string; firstParty: boolean };
export type NoticeCategory = { id: CookieCategory; title: string; explanation: string; required: boolean; cookies: NoticeCookie[] };
export type NoticePurpose = { id: string; name: string; description: string | null };

/** What the banner and the settings page show, all from the policy in force, and the hash that proves it. */
export type ConsentNotice = {
  policyVersion: number;
  policyHash: string;
  /** sha256 of the text and lists below: a consent record names the notice a person saw by it. */
  noticeHash: string;
  operator: string;
  text: string;
  categories: NoticeCategory[];
  /** The consent-based purposes of the manifest, which a signed-in person answers one by one. */
  purposes: NoticePurpose[];
  /** Whether a Global Privacy Control signal counts as an opt-out (manifest sale_and_sharing.honours_gpc). */
  gpcHonoured: boolean;
  /** The essential cookie that remembers an anonymous visitor's choice, when the policy declares it. */
  consentCookie: string | null;
  /** How first-party analytics count (manifest `analytics`): part of the notice hash, so a change asks again. */
  analyticsMode: AnalyticsMode;
};

/** The essential cookie remembering a visitor's choices: set only where the manifest declares it. */
export const CONSENT_COOKIE = 'mv_consent';

/** A cookie the operator sets itself (first party), as opposed to one an advertiser's script sets. */
export function isFirstParty(manifest: TManifest, provider: string): boolean {
  return provider === manifest.operator.name || provider === manifest.operator.legal_name;
}

export function buildNotice(active: ActiveVersion): ConsentNotice {
  const { manifest, values } = active;
  const cookies = manifest.cookies ?? [];
  const categories = values.cookieCategories().map((id) => ({
    id,
    ...COOKIE_CATEGORY_WORDS[id],
    required: id === 'essential',
    cookies: cookies
      .filter((c) => c.category === id)
      .map((c) => ({ name: c.name, provider: c.provider, purpose: c.purpose, lifetime: c.lifetime === 'session' ? 'Until you close your browser' : describeDuration(c.lifetime), firstParty: isFirstParty(manifest, c.provider) })),
  }));
  const optional = categories.filter((c) => !c.required).map((c) => c.title.toLowerCase());
  const text =
    optional.length === 0
      ? `${manifest.operator.name} uses only cookies this site needs to work.`
      : `${manifest.operator.name} uses cookies this site needs to work. With your permission we also use ${joinWords(optional)}. Nothing optional is set until you choose, and you can change or withdraw your choice at any time in Cookie settings.`;
  const purposes = values.consentPurposes().map((p) => ({ id: p.id, name: p.name, description: p.description ?? null }));
  // The way visits are counted is part of what a choice was made on, so a change of it asks again;
  // named only when not the default, so notices (and the choices made on them) stay as they were.
  const shown = values.analyticsMode === 'consent' ? { text, categories, purposes } : { text, categories, purposes, analyticsMode: values.analyticsMode };
  return {
    policyVersion: active.version,
    policyHash: active.hash,
    noticeHash: `sha256:${createHash('sha256').update(JSON.stringify(shown), 'utf8').digest('hex')}`,
    operator: manifest.operator.name,
    text,
    categories,
    purposes,
    gpcHonoured: values.honoursGpc(),
    consentCookie: values.cookie(CONSENT_COOKIE) ? CONSENT_COOKIE : null,
    analyticsMode: values.analyticsMode,
  };
}

/** The optional cookie categories (those that need consent). */
export const optionalCategories = (notice: ConsentNotice) => notice.categories.filter((c) => !c.required);

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
