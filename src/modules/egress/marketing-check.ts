import type { Work } from '../../platform/unit-of-work/index.js';
import { hasConsent, hasOptedOut, marketingScope, SALE_SHARING_SCOPE } from '../consent/index.js';
import type { EgressDeps } from './egress.deps.js';
import { isProcessingAllowed as restrictionAllows } from './processing-check.js';

/** What a marketing message is: a marketing purpose of the manifest, one of its topics, one channel. */
export type MarketingTarget = { purpose: string; topic: string; channel: string };

/**
 * THE shared check for marketing, asked for each person at the moment a campaign reaches them (never
 * from a list made earlier): no restriction of processing and no marketing opt-out; no opt-out of
 * sale, sharing and targeted advertising (Global Privacy Control) where the policy honours it; the
 * purpose still offers that channel; and the person's newest choice for that purpose, topic and
 * channel is a yes (a consent-based purpose) or at least not a no (any other basis).
 */
export async function isMarketingAllowed(deps: EgressDeps, work: Work, userId: string, target: MarketingTarget): Promise<boolean> {
  if (!(await restrictionAllows(work, userId, 'marketing'))) return false;
  const { manifest } = await deps.policy.inWork(work);
  const purpose = manifest.purposes.find((p) => p.id === target.purpose);
  if (!purpose || !(purpose.channels ?? []).some((c) => c === target.channel)) return false;
  const subject = { userId, visitorId: null };
  if (manifest.sale_and_sharing.honours_gpc && (await hasOptedOut(work, subject, SALE_SHARING_SCOPE))) return false;
  const scope = marketingScope(target.purpose, target.topic, target.channel);
  if (purpose.legal_basis === 'consent') return hasConsent(work, subject, scope);
  return !(await hasOptedOut(work, subject, scope));
}
