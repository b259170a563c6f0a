import { createHash } from 'node:crypto';
import type { MarketingDeps } from './marketing.deps.js';
import type { MarketingPurpose } from './marketing-offer.js';

/** What an unsubscribe link is for: one person, one purpose's topic, one channel. */
export type UnsubscribeScope = { userId: string; purpose: string; topic: string; channel: string };
type Target = Omit<UnsubscribeScope, 'userId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const messageOf = (scope: UnsubscribeScope) => [scope.userId, scope.purpose, scope.topic, scope.channel].join('.');
/** 64 bits of the target's hash: enough to tell the policy's few topics and channels apart, short enough for a URL segment. */
const targetKey = (t: Target) => createHash('sha256').update(`${t.purpose}.${t.topic}.${t.channel}`).digest('base64url').slice(0, 11);
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
function uuidOf(encoded: string): string | null {
  const hex = Buffer.from(encoded, 'base64url').toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return UUID.test(id) ? id : null;
}

/**
 * `<person>.<target>.<HMAC of person, purpose, topic, channel>` (78 characters, one URL segment):
 * forging one, or turning it to another person or topic, fails its signature.
 */
export function unsubscribeToken(deps: Pick<MarketingDeps, 'links'>, scope: UnsubscribeScope): string {
  return `${uuidBytes(scope.userId)}.${targetKey(scope)}.${deps.links.sign(messageOf(scope))}`;
}

/** The scope a token signs, among the targets the policy offers; null for anything forged, altered or malformed. */
export function readUnsubscribeToken(deps: Pick<MarketingDeps, 'links'>, offer: MarketingPurpose[], token: string): UnsubscribeScope | null {
  const [person, key, signature, ...rest] = token.split('.');
  if (!person || !key || !signature || rest.length > 0) return null;
  const userId = uuidOf(person);
  if (!userId) return null;
  const targets = offer.flatMap((p) => p.topics.flatMap((t) => p.channels.map((channel) => ({ purpose: p.id, topic: t.id, channel: channel }))));
  for (const target of targets.filter((t) => targetKey(t) === key)) {
    const scope = { userId, ...target };
    if (deps.links.verify(messageOf(scope), signature)) return scope;
  }
  return null;
}

export const unsubscribeUrl = (deps: Pick<MarketingDeps, 'links' | 'publicUrl'>, scope: UnsubscribeScope) => `${deps.publicUrl}/u/${unsubscribeToken(deps, scope)}`;
