import type { MarketingDeps } from './marketing.deps.js';

/** What an unsubscribe link is for: one person, one purpose's topic, one channel. */
export type UnsubscribeScope = { userId: string; purpose: string; topic: string; channel: string };

const FIELD = /^[a-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `<base64url of user.purpose.topic.channel>.<HMAC>`: forging one, or turning it to another person, fails its signature. */
export function unsubscribeToken(deps: Pick<MarketingDeps, 'links'>, scope: UnsubscribeScope): string {
  const message = [scope.userId, scope.purpose, scope.topic, scope.channel].join('.');
  return `${Buffer.from(message).toString('base64url')}.${deps.links.sign(message)}`;
}

/** The scope a token signs, or null for anything forged, altered or malformed. */
export function readUnsubscribeToken(deps: Pick<MarketingDeps, 'links'>, token: string): UnsubscribeScope | null {
  const [encoded, signature, ...rest] = token.split('.');
  if (!encoded || !signature || rest.length > 0 || token.length > 600) return null;
  const message = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!deps.links.verify(message, signature)) return null;
  const [userId, purpose, topic, channel] = message.split('.');
  if (!userId || !UUID.test(userId) || !purpose || !topic || !channel || ![purpose, topic, channel].every((f) => FIELD.test(f))) return null;
  return { userId, purpose, topic, channel };
}

export const unsubscribeUrl = (deps: Pick<MarketingDeps, 'links' | 'publicUrl'>, scope: UnsubscribeScope) => `${deps.publicUrl}/u/${unsubscribeToken(deps, scope)}`;
