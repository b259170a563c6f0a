import type { Queryable } from '../../platform/db/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { isBeingErased } from './being-erased.js';
import { accountsMails } from './accounts.mails.js';
import { requirePasswords } from './declared-data.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { ANONYMOUS } from './anonymous.js';
import { LINK_LIFETIME_MINUTES, type EmailLinkPurpose } from './link-lifetimes.js';
import { hashPassword } from './passwords.js';
import { hashEmailForThrottle } from './tokens.js';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';

type Purpose = EmailLinkPurpose;

const PATH: Record<Purpose, string> = { verify_email: '/verify-email', reset_password: '/reset-password', change_email: '/confirm-email', sign_in: '/sign-in/link' };

export async function issueEmailLink(
  db: Queryable<AccountsTables>,
  deps: Pick<AccountsDeps, 'now' | 'publicUrl'>,
  opts: { userId: string; purpose: Purpose; newEmail: string | null },
): Promise<string> {
  const { token, hash } = createSecretToken();
  const now = deps.now();
  await store.insertEmailToken(db, {
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

// Whoever follows a link is not signed in: the work runs as anonymous until the link names the
// account, and the audit entry then names its owner as the actor.

export async function verifyEmail(deps: AccountsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const row = await store.consumeEmailToken(db, hashToken(token), 'verify_email', now);
    if (!row) throw accountsErrors.badToken();
    const user = await store.findUserById(db, row.user_id);
    if (!user) throw accountsErrors.badToken();
    if (await isBeingErased(deps, work, user.id)) throw accountsErrors.beingErased();
    if (!user.email_verified_at) await store.updateUser(db, user.id, { email_verified_at: now });
    await work.audit({ actor: { id: user.id, role: user.role }, action: 'accounts.email_verified', subjectId: user.id });
    for (const hook of deps.onEmailVerified ?? []) await hook(work, { id: user.id, email: user.email });
  });
}

/** Always answers the same, whether or not the address has an account. Only while the policy declares passwords. */
export async function requestPasswordReset(deps: AccountsDeps, email: string, ctx: RequestContext) {
  await requirePasswords(deps);
  await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const user = await store.findUserByEmail(db, email);
    // Answered the same as an unknown address: no link for a closed account or one being erased.
    if (!user || user.status === 'closed' || (await isBeingErased(deps, work, user.id))) return;
    const link = await issueEmailLink(db, deps, { userId: user.id, purpose: 'reset_password', newEmail: null });
    await work.audit({ action: 'accounts.password_reset_requested', subjectId: user.id });
    await work.mail({ to: user.email, userId: user.id, ...accountsMails.resetPassword(user.name, link) });
  });
}

/** Ends every session of the account: whoever knew the old password may hold one. */
export async function resetPassword(deps: AccountsDeps, token: string, password: string, ctx: RequestContext) {
  await requirePasswords(deps);
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const row = await store.consumeEmailToken(db, hashToken(token), 'reset_password', now);
    if (!row) throw accountsErrors.badToken();
    const user = await store.findUserById(db, row.user_id);
    if (!user) throw accountsErrors.badToken();
    // Following the link proves control of the address, so it also verifies it.
    // The new password is the person's own, so a one-time password no longer stands in the way.
    await store.updateUser(db, user.id, {
      password_hash: passwordHash,
      password_changed_at: now,
      password_must_change: false,
      email_verified_at: user.email_verified_at ?? now,
    });
    const revoked = await store.revokeSessions(db, user.id, now);
    await store.clearThrottle(db, hashEmailForThrottle(user.email));
    await work.audit({
      actor: { id: user.id, role: user.role },
      action: 'accounts.password_reset',
      subjectId: user.id,
      details: { sessionsRevoked: revoked, ...(user.password_must_change ? { replacedOneTimePassword: true } : {}) },
    });
    await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertPasswordChanged(user.name, now) });
  });
}

export async function confirmEmailChange(deps: AccountsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const row = await store.consumeEmailToken(db, hashToken(token), 'change_email', now);
    if (!row?.new_email) throw accountsErrors.badToken();
    const user = await store.findUserById(db, row.user_id);
    if (!user) throw accountsErrors.badToken();
    if (await store.findUserByEmail(db, row.new_email)) throw accountsErrors.emailTaken();
    const oldEmail = user.email;
    await store.updateUser(db, user.id, { email: row.new_email, email_verified_at: now });
    await work.audit({ actor: { id: user.id, role: user.role }, action: 'accounts.email_changed', subjectId: user.id, details: { field: 'email' } });
    // The alert goes to the old address: that is who needs to know if it was not them.
    await work.mail({ to: oldEmail, userId: user.id, ...accountsMails.alertEmailChanged(user.name, now) });
  });
}
