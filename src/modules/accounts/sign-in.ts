import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import { issueEmailLink } from './email-links.js';
import { verifyPassword } from './passwords.js';
import { describeDevice, hashEmailForThrottle } from './tokens.js';
import { createSecretToken } from '../../platform/crypto/index.js';

export type SignInResult = { userId: string; sessionId: string; token: string; expiresAt: Date };

/**
 * Throttling is keyed by the address typed, not by the account, and an unknown address is checked
 * against a dummy hash: the answers and their timing do not tell whether an account exists.
 */
export async function signIn(
  deps: AccountsDeps & { dummyHash: () => Promise<string> },
  input: { email: string; password: string },
  ctx: RequestContext,
): Promise<SignInResult> {
  const now = deps.now();
  const emailHash = hashEmailForThrottle(input.email);
  const throttle = await store.getThrottle(deps.db, emailHash);
  if (throttle?.locked_until && throttle.locked_until > now) {
    throw accountsErrors.lockedOut(Math.ceil((throttle.locked_until.getTime() - now.getTime()) / 60_000));
  }
  const user = await store.findUserByEmail(deps.db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await deps.dummyHash()), input.password);
  if (!user || !ok) {
    await registerFailure(deps, emailHash, throttle, now);
    if (user) {
      await deps.db.transaction().execute((trx) =>
        recordAudit(trx, deps, { actor: { id: null, role: 'anonymous' }, action: 'accounts.sign_in_failed', subjectId: user.id, requestId: ctx.requestId }),
      );
    }
    throw accountsErrors.badCredentials();
  }
  if (user.status === 'suspended') throw accountsErrors.suspended();
  if (await deps.isBeingErased?.(deps.db, user.id)) throw accountsErrors.beingErased();
  if (!user.email_verified_at) {
    const deliveries = await deps.db.transaction().execute(async (trx) => {
      const link = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'verify_email', newEmail: null });
      return [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.verifyEmail(user.name, link) })];
    });
    for (const deliver of deliveries) await deliver();
    throw accountsErrors.emailNotVerified();
  }

  const device = describeDevice(ctx.userAgent);
  const { token, hash } = createSecretToken();
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + deps.auth.sessionDays * 86_400_000);
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    await store.clearThrottle(trx, emailHash);
    await store.insertSession(trx, {
      id: sessionId,
      token_hash: hash,
      user_id: user.id,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      user_agent: ctx.userAgent?.slice(0, 400) ?? null,
      device_label: device.label,
      ip: ctx.ip ?? null,
    });
    await store.updateUser(trx, user.id, { last_active_at: now });
    const hadDevices = await hasAnyDevice(trx, user.id);
    const isNewDevice = await store.rememberDevice(trx, user.id, device.hash, now);
    await recordAudit(trx, deps, {
      actor: { id: user.id, role: user.role },
      action: 'accounts.signed_in',
      subjectId: user.id,
      target: { type: 'session', id: sessionId },
      requestId: ctx.requestId,
      details: { newDevice: isNewDevice },
    });
    // The very first sign-in of an account is not news to its owner.
    if (!isNewDevice || !hadDevices) return [];
    return [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.alertNewDevice(user.name, device.label, now) })];
  });
  for (const deliver of deliveries) await deliver();
  return { userId: user.id, sessionId, token, expiresAt };
}

async function hasAnyDevice(trx: Parameters<typeof store.rememberDevice>[0], userId: string) {
  const row = await trx.selectFrom('user_devices').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

async function registerFailure(
  deps: AccountsDeps,
  emailHash: string,
  current: Awaited<ReturnType<typeof store.getThrottle>>,
  now: Date,
) {
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
