import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { createSecretToken } from '../../platform/crypto/index.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables, UserRow } from './accounts.tables.js';
import type { AccountOptions, SignInMethod } from './declared-data.js';
import type { ShownUserRow } from './session-user.js';
import { describeDevice } from './tokens.js';

/** `user`: the account as the sign-in read it, when nothing in the sign-in changed what it shows. */
export type SignInResult = { userId: string; sessionId: string; token: string; expiresAt: Date; user?: ShownUserRow };

/**
 * Opens a session for `user` inside the work that checked who they are (by password or by link).
 * The session keeps the caller's address only when the policy declares technical.ip, and its browser
 * (user agent, device label, the "new device" memory and alert) only when it declares technical.device.
 */
export async function openSession(
  work: Work,
  deps: Pick<AccountsDeps, 'now' | 'auth'>,
  user: UserRow,
  ctx: RequestContext,
  opts: { session: AccountOptions['session']; method: SignInMethod },
): Promise<SignInResult> {
  const db = tablesOf<AccountsTables>(work);
  const now = deps.now();
  const device = opts.session.device ? describeDevice(ctx.userAgent) : null;
  const { token, hash } = createSecretToken();
  const sessionId = randomUUID();
  // The server forgets a session no later than the browser is told to drop its cookie (the policy's
  // lifetime), and never later than the installation's own limit.
  const lifetimeMs = Math.min(deps.auth.sessionDays * 86_400_000, (opts.session.maxSeconds ?? Infinity) * 1000);
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await store.insertSessionMarkingActive(db, {
    id: sessionId,
    token_hash: hash,
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    user_agent: device ? (ctx.userAgent?.slice(0, 400) ?? null) : null,
    device_label: device?.label ?? null,
    ip: opts.session.ip ? (ctx.ip ?? null) : null,
  });
  let isNewDevice = false;
  if (device) {
    const remembered = await store.rememberDeviceOf(db, user.id, device.hash, now);
    isNewDevice = remembered.isNew;
    // The very first sign-in of an account is not news to its owner.
    if (isNewDevice && remembered.hadDevices) await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertNewDevice(user.name, device.label, now) });
  }
  await work.audit({
    actor: { id: user.id, role: user.role },
    action: 'accounts.signed_in',
    subjectId: user.id,
    target: { type: 'session', id: sessionId },
    details: { method: opts.method, ...(device ? { newDevice: isNewDevice } : {}) },
  });
  return { userId: user.id, sessionId, token, expiresAt };
}
