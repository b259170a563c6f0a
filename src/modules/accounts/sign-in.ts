import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { ANONYMOUS } from './anonymous.js';
import { issueEmailLink } from './email-links.js';
import { createDummyHash, verifyPassword } from './passwords.js';
import { describeDevice, hashEmailForThrottle } from './tokens.js';
import { createSecretToken } from '../../platform/crypto/index.js';

export type SignInResult = { userId: string; sessionId: string; token: string; expiresAt: Date };

/** One dummy hash per bound set of dependencies (one per app), created on first use. */
const dummyHashes = new WeakMap<AccountsDeps, Promise<string>>();
function dummyHash(deps: AccountsDeps): Promise<string> {
  let hash = dummyHashes.get(deps);
  if (!hash) dummyHashes.set(deps, (hash = createDummyHash()));
  return hash;
}

/**
 * Throttling is keyed by the address typed, not by the account, and an unknown address is checked
 * against a dummy hash: the answers and their timing do not tell whether an account exists.
 */
export async function signIn(deps: AccountsDeps, input: { email: string; password: string }, ctx: RequestContext): Promise<SignInResult> {
  const now = deps.now();
  const emailHash = hashEmailForThrottle(input.email);
  const throttle = await store.getThrottle(deps.db, emailHash);
  if (throttle?.locked_until && throttle.locked_until > now) {
    throw accountsErrors.lockedOut(Math.ceil((throttle.locked_until.getTime() - now.getTime()) / 60_000));
  }
  const user = await store.findUserByEmail(deps.db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash(deps)), input.password);
  if (!user || !ok) {
    await registerFailure(deps, emailHash, throttle, now);
    if (user) {
      await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, (work) => work.audit({ action: 'accounts.sign_in_failed', subjectId: user.id }));
    }
    throw accountsErrors.badCredentials();
  }
  if (user.status === 'suspended') throw accountsErrors.suspended();
  const refuseIfBeingErased = async (work: Work) => {
    if (await deps.isBeingErased?.(work, user.id)) throw accountsErrors.beingErased();
  };
  const actor = { id: user.id, role: user.role };
  if (!user.email_verified_at) {
    await deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
      await refuseIfBeingErased(work);
      const link = await issueEmailLink(tablesOf<AccountsTables>(work), deps, { userId: user.id, purpose: 'verify_email', newEmail: null });
      await work.mail({ to: user.email, userId: user.id, ...accountsMails.verifyEmail(user.name, link) });
    });
    throw accountsErrors.emailNotVerified();
  }

  const device = describeDevice(ctx.userAgent);
  const { token, hash } = createSecretToken();
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + deps.auth.sessionDays * 86_400_000);
  await deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
    await refuseIfBeingErased(work);
    const db = tablesOf<AccountsTables>(work);
    await store.clearThrottle(db, emailHash);
    await store.insertSession(db, {
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
    await store.updateUser(db, user.id, { last_active_at: now });
    const hadDevices = await store.hasAnyDevice(db, user.id);
    const isNewDevice = await store.rememberDevice(db, user.id, device.hash, now);
    await work.audit({ action: 'accounts.signed_in', subjectId: user.id, target: { type: 'session', id: sessionId }, details: { newDevice: isNewDevice } });
    // The very first sign-in of an account is not news to its owner.
    if (isNewDevice && hadDevices) await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertNewDevice(user.name, device.label, now) });
  });
  return { userId: user.id, sessionId, token, expiresAt };
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
