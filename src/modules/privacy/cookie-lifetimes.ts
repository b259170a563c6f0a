import { addDurationToDate } from './manifest/index.js';
import type { ActivePolicy } from './active-policy.js';

/**
 * How long a cookie the server sets may live, as the policy in force states it: `session` (no
 * Max-Age, so it ends when the browser closes) or a number of seconds. Undefined when the manifest
 * does not declare the cookie: the server must then not set it.
 */
export type CookieLifetime = { kind: 'session' } | { kind: 'max-age'; seconds: number };

export async function declaredCookieLifetime(policy: ActivePolicy, name: string, now: Date): Promise<CookieLifetime | undefined> {
  const cookie = (await policy.values()).cookie(name);
  if (!cookie) return undefined;
  if (cookie.lifetime === 'session') return { kind: 'session' };
  // Calendar arithmetic, as for retention: P1M from 31 January ends on the last day of February.
  const today = now.toISOString().slice(0, 10);
  const seconds = (Date.parse(addDurationToDate(today, cookie.lifetime)) - Date.parse(today)) / 1000;
  return { kind: 'max-age', seconds };
}
