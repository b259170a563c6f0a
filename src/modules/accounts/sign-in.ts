import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { ANONYMOUS } from './anonymous.js';
import { accountOptions } from './declared-data.js';
import { issueEmailLink } from './email-links.js';
import { openSession, openSessionInOneStatement, sessionDevice, type SignInResult } from './open-session.js';
import { createDummyHash, verifyPassword } from './passwords.js';
import { countAttempt, lockedMinutes } from './sign-in-throttle.js';
import { hashEmailForThrottle } from './tokens.js';

export type { SignInResult } from './open-session.js';

/** One dummy hash per bound set of dependencies (one per app), created on first use. */
const dummyHashes = new WeakMap<AccountsDeps, Promise<string>>();
function dummyHash(deps: AccountsDeps): Promise<string> {
  let hash = dummyHashes.get(deps);
  if (!hash) dummyHashes.set(deps, (hash = createDummyHash()));
  return hash;
}

/**
 * Throttling is keyed by the address typed, not by the account, and an unknown address (or an
 * account without a password) is checked against a dummy hash: the answers and their timing do not
 * tell whether an account exists. Refused when the policy does not declare passwords.
 */
export async function signIn(deps: AccountsDeps, input: { email: string; password: string }, ctx: RequestContext): Promise<SignInResult> {
  const options = await accountOptions(deps);
  if (options.signIn !== 'password') throw accountsErrors.passwordsNotDeclared();
  const now = deps.now();
  const emailHash = hashEmailForThrottle(input.email);
  // The throttle, the account and whether it is being erased in one query (issue #12: a sign-in's
  // round trips). The erasure is answered only after the password, as before.
  const device = sessionDevice(options.session, ctx);
  const { throttle, user, beingErased, devices } = await store.findSignInCandidate(deps.db, input.email, emailHash, deps.beingErased, device?.hash ?? null);
  const locked = lockedMinutes(throttle, now);
  if (locked > 0) throw accountsErrors.lockedOut(locked);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash(deps)), input.password);
  if (!user || !user.password_hash || !ok) {
    await countAttempt(deps, emailHash, throttle, now);
    if (user) {
      await deps.uow.run({ actor: ANONYMOUS, requestId: ctx.requestId }, (work) => work.audit({ action: 'accounts.sign_in_failed', subjectId: user.id }));
    }
    throw accountsErrors.badCredentials();
  }
  if (user.status === 'suspended') throw accountsErrors.suspended();
  if (user.status === 'closed') throw accountsErrors.closed();
  if (beingErased) throw accountsErrors.beingErased();
  const actor = { id: user.id, role: user.role };
  if (!user.email_verified_at) {
    await deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
      const link = await issueEmailLink(tablesOf<AccountsTables>(work), deps, { userId: user.id, purpose: 'verify_email', newEmail: null });
      await work.mail({ to: user.email, userId: user.id, ...accountsMails.verifyEmail(user.name, link) });
    });
    throw accountsErrors.emailNotVerified();
  }
  const opts = { session: options.session, method: 'password' as const, device };
  // Nothing but the session and its entry to write (no throttle to clear, no new-device alert): one
  // statement without a transaction (issue #12). The account as read for this sign-in is the answer.
  if (!throttle && !(device && !devices.known && devices.any)) return { ...(await openSessionInOneStatement(deps, user, ctx, opts, devices.known)), user };
  return deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
    // Only an address with failures counted has a throttle row to clear.
    if (throttle) await store.clearThrottle(tablesOf<AccountsTables>(work), emailHash);
    return { ...(await openSession(work, deps, user, ctx, opts)), user };
  });
}
