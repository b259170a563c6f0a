import type { RequestContext } from '../../platform/http/index.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import { recordChoices, marketingScope } from '../consent/index.js';
import { findOffered, marketingOffer } from './marketing-offer.js';
import type { MarketingDeps } from './marketing.deps.js';
import { readUnsubscribeToken } from './unsubscribe-links.js';

/** What an unsubscribe link's page shows, or null for a link that is not ours (forged or altered). */
export async function describeUnsubscribe(deps: MarketingDeps, token: string) {
  const { manifest } = await deps.policy.current();
  const offer = marketingOffer(manifest);
  const scope = readUnsubscribeToken(deps, offer, token);
  if (!scope) return null;
  const found = findOffered(offer, scope);
  return { operatorName: manifest.operator.name, topicName: found?.topic.name ?? scope.topic, channel: scope.channel };
}

/**
 * RFC 8058 one-click unsubscribe: the token alone says who and what (no session, no CSRF token), and
 * the withdrawal is a consent record written at once. A forged or altered token changes nothing.
 */
export async function unsubscribe(deps: MarketingDeps, token: string, ctx: Pick<RequestContext, 'requestId'>): Promise<boolean> {
  const scope = readUnsubscribeToken(deps, marketingOffer((await deps.policy.current()).manifest), token);
  if (!scope) return false;
  return deps.uow.run({ actor: SYSTEM_ACTOR, requestId: ctx.requestId }, async (work) => {
    // An erased account has nothing left to unsubscribe.
    if (!(await findUserContact(work, scope.userId))) return false;
    await recordChoices(deps, work, { userId: scope.userId, choices: [{ scope: marketingScope(scope.purpose, scope.topic, scope.channel), give: false }], method: 'unsubscribe' });
    return true;
  });
}
