import { z } from 'zod';
import type { Principal, RequestContext } from '../http/index.js';
import { CLI_ACTOR, SYSTEM_ACTOR, type TActor } from './actors.js';

export { CLI_ACTOR, SYSTEM_ACTOR, type TActor };

/** Who did something: a signed-in person, the system (jobs, start-up), or the operator's CLI. */
export const ZActor = z.object({
  id: z.uuid().nullable(),
  role: z.string().min(1),
}) satisfies z.ZodType<TActor>;

/** Who a unit of work acts for, as its audit entries name them. */
export type Who = { actor: TActor; requestId?: string | null };

export function actorOf(principal: Pick<Principal, 'userId' | 'role'>): TActor {
  return { id: principal.userId, role: principal.role };
}

/** A signed-in person acting through a request. */
export function byPrincipal(principal: Pick<Principal, 'userId' | 'role'>, ctx: Pick<RequestContext, 'requestId'>): Who {
  return { actor: actorOf(principal), requestId: ctx.requestId };
}
