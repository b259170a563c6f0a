import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf, type AuditNote, type Work } from '../../platform/unit-of-work/index.js';
import { createSecretToken } from '../../platform/crypto/index.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables, SessionRow, UserRow } from './accounts.tables.js';
import type { AccountOptions, SignInMethod } from './declared-data.js';
import type { ShownUserRow } from './session-user.js';
import { describeDevice } from './tokens.js';

/** `user`: the account as the sign-in read it, when nothing in the sign-in changed what it shows. */
export type SignInResult = { userId: string; sessionId: string; token: string; expiresAt: Date; user?: ShownUserRow };

/** How the session is opened; `device` as `sessionDevice` described it (null when the policy keeps none). */
type OpenOptions = { session: AccountOptions['session']; method: SignInMethod; device: SessionDevice | null };
type SessionDevice = ReturnType<typeof describeDevice>;

/** The browser a session keeps, described once per sign-in: null unless the policy declares technical.device. */
export function sessionDevice(session: AccountOptions['session'], ctx: RequestContext): SessionDevice | null {
  return session.device ? describeDevice(ctx.userAgent) : null;
}

/**
 * Opens a session for `user` inside the work that checked who they are (by password or by link).
 * The session keeps the caller's address only when the policy declares technical.ip, and its browser
 * (user agent, device label, the "new device" memory and alert) only when it declares technical.device.
 */
export async function openSession(work: Work, deps: Pick<AccountsDeps, 'now' | 'auth'>, user: UserRow, ctx: RequestContext, opts: OpenOptions): Promise<SignInResult> {
  const { session, device, token } = newSession(deps, user, ctx, opts);
  const remembered = await store.insertSessionMarkingActive(tablesOf<AccountsTables>(work), session, device?.hash ?? null);
  // The very first sign-in of an account is not news to its owner.
  if (device && remembered.isNewDevice && remembered.hadDevices) await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertNewDevice(user.name, device.label, session.created_at) });
  await work.audit(signedIn(user, session, opts, device && remembered.isNewDevice));
  return { userId: user.id, sessionId: session.id, token, expiresAt: session.expires_at };
}

/**
 * `openSession` when the session and its audit entry are the whole change: one statement, no
 * transaction (issue #12). The caller read whether the account knows the device (`knownDevice`) and
 * takes this way only when no new-device alert is due; should the device turn out new after all (its
 * memory erased meanwhile), the alert is written to the outbox right after.
 */
export async function openSessionInOneStatement(
  deps: Pick<AccountsDeps, 'now' | 'auth' | 'uow'>,
  user: UserRow,
  ctx: RequestContext,
  opts: OpenOptions,
  knownDevice: boolean,
): Promise<SignInResult> {
  const { session, device, token } = newSession(deps, user, ctx, opts);
  const actor = { id: user.id, role: user.role };
  const change = store.sessionOpening(session, device?.hash ?? null);
  const remembered = await deps.uow.runStatement({ actor, requestId: ctx.requestId }, change, signedIn(user, session, opts, device && !knownDevice));
  if (device && remembered.isNewDevice && remembered.hadDevices) {
    await deps.uow.run({ actor, requestId: ctx.requestId }, (work) => work.mail({ to: user.email, userId: user.id, ...accountsMails.alertNewDevice(user.name, device.label, session.created_at) }));
  }
  return { userId: user.id, sessionId: session.id, token, expiresAt: session.expires_at };
}

/** The session row to open now, its secret token, and the device it keeps (null when the policy keeps none). */
function newSession(deps: Pick<AccountsDeps, 'now' | 'auth'>, user: UserRow, ctx: RequestContext, opts: OpenOptions) {
  const now = deps.now();
  const device = opts.device;
  const { token, hash } = createSecretToken();
  // The server forgets a session no later than the browser is told to drop its cookie (the policy's
  // lifetime), and never later than the installation's own limit.
  const lifetimeMs = Math.min(deps.auth.sessionDays * 86_400_000, (opts.session.maxSeconds ?? Infinity) * 1000);
  const session: SessionRow = {
    id: randomUUID(),
    token_hash: hash,
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + lifetimeMs),
    revoked_at: null,
    user_agent: device ? (ctx.userAgent?.slice(0, 400) ?? null) : null,
    device_label: device?.label ?? null,
    ip: opts.session.ip ? (ctx.ip ?? null) : null,
  };
  return { session, device, token };
}

/** The audit entry of a sign-in; `newDevice` null when the session keeps no device. */
function signedIn(user: UserRow, session: SessionRow, opts: OpenOptions, newDevice: boolean | null): AuditNote {
  return {
    actor: { id: user.id, role: user.role },
    action: 'accounts.signed_in',
    subjectId: user.id,
    target: { type: 'session', id: session.id },
    details: { method: opts.method, ...(newDevice !== null ? { newDevice } : {}) },
  };
}
