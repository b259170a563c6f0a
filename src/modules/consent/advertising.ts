import type { RequestContext } from '../../platform/http/index.js';
import type { AdvertisingRelease } from './advertising-release.js';
import { subjectOf, type Chooser } from './chooser.js';
import type { ConsentDeps } from './consent.deps.js';
import { recordGpcSignal, whoActs } from './record-consent.js';

/**
 * The banner asks before it loads an advertiser's script: a Global Privacy Control signal on the
 * request is recorded first (an opt-out where the policy honours it), then egress decides and logs
 * each disclosure in one work. A visitor the installation does not know is released nothing.
 */
export async function advertisingToLoad(deps: ConsentDeps, who: Chooser, gpc: boolean, ctx: Pick<RequestContext, 'requestId'>): Promise<AdvertisingRelease> {
  if (gpc) await recordGpcSignal(deps, who, ctx);
  const subject = subjectOf(who);
  if (!subject.userId && !subject.visitorId) return { recipients: [] };
  return deps.uow.run(whoActs(who, ctx), (work) => deps.releaseAdvertising(work, subject));
}
