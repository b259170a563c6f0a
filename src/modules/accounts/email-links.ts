import type { Queryable } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import type { AccountsDb, AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import { LINK_LIFETIME_MINUTES, type EmailLinkPurpose } from './link-lifetimes.js';
import { hashPassword } from './passwords.js';
import { hashEmailForThrottle } from './tokens.js';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';

type Purpose = EmailLinkPurpose;

const PATH: Record<Purpose, string> = { verify_email: '/verify-email', reset_password: '/reset-password', change_email: '/confirm-email' };

export async function issueEmailLink(
  trx: Queryable<AccountsDb>,
  deps: Pick<AccountsDeps, 'now' | 'publicUrl'>,
  opts: { userId: string; purpose: Purpose; newEmail: string | null },
): Promise<string> {
  const { token, hash } = createSecretToken();
  const now = deps.now();
  await store.insertEmailToken(trx, {
    token_hash: hash,
    user_id: opts.userId,
    purpose: opts.purpose,
    new_email: opts.newEmail,
    created_at: now,
    expires_at: new Date(now.getTime() + LINK_LIFETIME_MINUTES[opts.purpose] * 60_000),
    used_at: null,
  });
  // The token travels in the fragment-free query of a page of the web app, which posts it back.
  return `${deps.publicUrl}${PATH[opts.purpose]}?token=${encodeURIComponent(token)}`;
}

export async function verifyEmail(deps: AccountsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await store.consumeEmailToken(trx, hashToken(token), 'verify_email', now);
    if (!row) throw accountsErrors.badToken();
    const user = await store.findUserById(trx, row.user_id);
    if (!user) throw accountsErrors.badToken();
    if (await deps.isBeingErased?.(trx, user.id)) throw accountsErrors.beingErased();
    if (!user.email_verified_at) await store.updateUser(trx, user.id, { email_verified_at: now });
    await recordAudit(trx, deps, { actor: { id: user.id, role: user.role }, action: 'accounts.email_verified', subjectId: user.id, requestId: ctx.requestId });
    for (const hook of deps.onEmailVerified ?? []) await hook(trx, { id: user.id, email: user.email });
  });
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(deps: AccountsDeps, email: string, ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const user = await store.findUserByEmail(trx, email);
    // Answered the same as an unknown address: no link for an account being erased.
    if (!user || (await deps.isBeingErased?.(trx, user.id))) return [];
    const link = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'reset_password', newEmail: null });
    await recordAudit(trx, deps, { actor: { id: null, role: 'anonymous' }, action: 'accounts.password_reset_requested', subjectId: user.id, requestId: ctx.requestId });
    return [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.resetPassword(user.name, link) })];
  });
  for (const deliver of deliveries) await deliver();
}

export async function resetPassword(deps: AccountsDeps, token: string, password: string, ctx: RequestContext) {
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const row = await store.consumeEmailToken(trx, hashToken(token), 'reset_password', now);
    if (!row) throw accountsErrors.badToken();
    const user = await store.findUserById(trx, row.user_id);
    if (!user) throw accountsErrors.badToken();
    // Following the link proves control of the address, so it also verifies it.
    // The new password is the person's own, so a one-time password no longer stands in the way.
    await store.updateUser(trx, user.id, {
      password_hash: passwordHash,
      password_changed_at: now,
      password_must_change: false,
      email_verified_at: user.email_verified_at ?? now,
    });
    const revoked = await store.revokeSessions(trx, user.id, now);
    await store.clearThrottle(trx, hashEmailForThrottle(user.email));
    await recordAudit(trx, deps, {
      actor: { id: user.id, role: user.role },
      action: 'accounts.password_reset',
      subjectId: user.id,
      requestId: ctx.requestId,
      details: { sessionsRevoked: revoked, ...(user.password_must_change ? { replacedOneTimePassword: true } : {}) },
    });
    return [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.alertPasswordChanged(user.name, now) })];
  });
  for (const deliver of deliveries) await deliver();
}

export async function confirmEmailChange(deps: AccountsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const row = await store.consumeEmailToken(trx, hashToken(token), 'change_email', now);
    if (!row?.new_email) throw accountsErrors.badToken();
    const user = await store.findUserById(trx, row.user_id);
    if (!user) throw accountsErrors.badToken();
    if (await store.findUserByEmail(trx, row.new_email)) throw accountsErrors.emailTaken();
    const oldEmail = user.email;
    await store.updateUser(trx, user.id, { email: row.new_email, email_verified_at: now });
    await recordAudit(trx, deps, { actor: { id: user.id, role: user.role }, action: 'accounts.email_changed', subjectId: user.id, requestId: ctx.requestId, details: { field: 'email' } });
    // The alert goes to the old address: that is who needs to know if it was not them.
    return [await deps.mail.enqueue(trx, { to: oldEmail, userId: user.id, ...accountsMails.alertEmailChanged(user.name, now) })];
  });
  for (const deliver of deliveries) await deliver();
}
