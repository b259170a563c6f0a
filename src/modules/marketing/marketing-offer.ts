import type { MarketingChannel, TManifest } from '../privacy/index.js';

export type MarketingTopic = { id: string; name: string; description: string | null };
/** A marketing purpose as people choose it: its topics, each on each of its channels. */
export type MarketingPurpose = { id: string; name: string; optIn: boolean; channels: MarketingChannel[]; topics: MarketingTopic[] };

/**
 * What the policy in force offers: every purpose with `channels`, its `topics` (or, when it names
 * none, the purpose itself as its one topic). A purpose resting on consent is opt-in: nothing is
 * ticked until the person ticks it; any other basis (a customer's soft opt-in) runs until they opt out.
 */
export function marketingOffer(manifest: TManifest): MarketingPurpose[] {
  return manifest.purposes
    .filter((p) => (p.channels ?? []).length > 0)
    .map((p) => ({
      id: p.id,
      name: p.name,
      optIn: p.legal_basis === 'consent',
      channels: [...(p.channels ?? [])],
      topics: p.topics?.length ? p.topics.map((t) => ({ id: t.id, name: t.name, description: t.description ?? null })) : [{ id: p.id, name: p.name, description: p.description ?? null }],
    }));
}

export function findOffered(offer: MarketingPurpose[], target: { purpose: string; topic: string; channel: string }) {
  const purpose = offer.find((p) => p.id === target.purpose);
  const topic = purpose?.topics.find((t) => t.id === target.topic);
  if (!purpose || !topic || !purpose.channels.some((c) => c === target.channel)) return null;
  return { purpose, topic };
}
