import type { Principal } from '../../platform/http/index.js';
import type { ConsentSubject } from './consent.store.js';

/** Who is choosing: the signed-in person if any, and the visitor id of the consent cookie if any. */
export type Chooser = { principal: Principal | null; visitorId: string | null };

export function subjectOf(who: Chooser): ConsentSubject {
  return { userId: who.principal?.userId ?? null, visitorId: who.visitorId };
}
