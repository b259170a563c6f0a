import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { hashToken } from '../../platform/crypto/index.js';
import { accountsErrors } from './accounts.errors.js';
import { isBeingErased } from './being-erased.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { ANONYMOUS } from './anonymous.js';
import { accountOptions } from './declared-data.js';
import { issueEmailLink } from './email-links.js';
import { openSession, sessionDevice, type SignInResult } from './open-session.js';
import { countAttempt, lockedMinutes } from './sign-in-throttle.js';
import { hashEmailForThrottle } from './tokens.js';

/**
 * Sign-in where the policy does not declare passwords: a single-use, short-lived link mailed to the
 * address. The answer is the same whether or not an account has the address; every request counts
 * against the address like a failed password (the same throttle), and following a link clears it.
 */
export async function requestSignInLink(deps: AccountsDeps, email: string, ctx: RequestContext): Promise<void> {
  const options = await accountOptions(deps);
  if (options.signIn !== 'email_link') throw accountsErrors.signInWithPassword();
  const now = deps.now();
  const emailHash = hashEmailForThrottle(email);
  const throttle = await store.getThrottle(deps.db, emailHash);
  const locked = lockedMinutes(throttle, now);
  if (locked > 0) throw accountsErrors.tooManyLinks(locked);
  await countAttempt(deps, emailHash, throttle, now);
  await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const user = await store.findUserByEmail(db, email);
    // Answered the same as an unknown address: no link for a suspended account or one being erased.
    if (!user || user.status !== 'active' || (await isBeingErased(deps, work, user.id))) return;
    const link = await issueEmailLink(db, deps, { userId: user.id, purpose: 'sign_in', newEmail: null });
    await work.audit({ action: 'accounts.sign_in_link_requested', subjectId: user.id });
    await work.mail({ to: user.email, userId: user.id, ...accountsMails.signInLink(user.name, link) });
  });
}

/** Follows a sign-in link: consumes it and opens a session, as a password sign-in does. */
export async function signInWithLink(deps: AccountsDeps, token: string, ctx: RequestContext): Promise<SignInResult> {
  const options = await accountOptions(deps);
  if (options.signIn !== 'email_link') throw accountsErrors.signInWithPassword();
  const now = deps.now();
  return deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const row = await store.consumeEmailToken(db, hashToken(token), 'sign_in', now);
    if (!row) throw accountsErrors.badToken();
    const user = await store.findUserById(db, row.user_id);
    if (!user) throw accountsErrors.badToken();
    if (user.status === 'suspended') throw accountsErrors.suspended();
    if (user.status === 'closed') throw accountsErrors.closed();
    if (await isBeingErased(deps, work, user.id)) throw accountsErrors.beingErased();
    // Following the link proves control of the address, so it also verifies it.
    if (!user.email_verified_at) {
      await store.updateUser(db, user.id, { email_verified_at: now });
      await work.audit({ actor: { id: user.id, role: user.role }, action: 'accounts.email_verified', subjectId: user.id });
      for (const hook of deps.onEmailVerified ?? []) await hook(work, { id: user.id, email: user.email });
    }
    await store.clearThrottle(db, hashEmailForThrottle(user.email));
    return openSession(work, deps, user, ctx, { session: options.session, method: 'email_link', device: sessionDevice(options.session, ctx) });
  });
}
