import type { RequestContext } from '../../platform/http/index.js';
import type { TActor, Who } from '../../platform/unit-of-work/index.js';

/** A desktop app acts for the licence's owner; its audit entries say it was the app, not the web. */
export const DESKTOP_ROLE = 'desktop-app';

export function desktopActor(userId: string): TActor {
  return { id: userId, role: DESKTOP_ROLE };
}

/** Who a desktop request's work is before its credential is checked (the audit entries name the owner). */
export function desktopWho(ctx: Pick<RequestContext, 'requestId'>): Who {
  return { actor: { id: null, role: DESKTOP_ROLE }, requestId: ctx.requestId };
}
