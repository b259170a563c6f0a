import type { AccountsDeps } from './accounts.deps.js';
import * as store from './accounts.store.js';

export type Throttle = Awaited<ReturnType<typeof store.getThrottle>>;


/** Minutes the address typed stays locked out, or 0. Keyed by a hash of the address, whether or not an account has it. */
export function lockedMinutes(throttle: Throttle, now: Date): number {
  if (!throttle?.locked_until || throttle.locked_until <= now) return 0;
  return Math.ceil((throttle.locked_until.getTime() - now.getTime()) / 60_000);
}

/**
 * Counts one attempt against the address (a wrong password, or a sign-in link asked for); at
 * `maxFailures` within the window the address is locked for `lockoutMinutes`.
 */
export async function countAttempt(deps: Pick<AccountsDeps, 'db' | 'auth'>, emailHash: string, current: Throttle, now: Date) {
  const windowMs = deps.auth.lockoutMinutes * 60_000;
  const fresh = !current || now.getTime() - current.window_started_at.getTime() > windowMs;
  const failures = fresh ? 1 : current.failures + 1;
  await store.saveThrottle(deps.db, {
    email_hash: emailHash,
    failures,
    window_started_at: fresh ? now : current.window_started_at,
    locked_until: failures >= deps.auth.maxFailures ? new Date(now.getTime() + windowMs) : null,
  });
}
