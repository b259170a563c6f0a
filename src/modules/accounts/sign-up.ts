import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import type { TSignUp } from './accounts.schema.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { ANONYMOUS } from './anonymous.js';
import { accountOptions, refuseUndeclaredProfileFields } from './declared-data.js';
import { issueEmailLink } from './email-links.js';
import { hashPassword } from './passwords.js';

/**
 * Creates the account, its verification link, the outbox message and the audit entry in one
 * transaction: a crash at any point leaves either all of them or none.
 *
 * Asks only what the policy in force declares: a password only with credentials.password, each
 * optional profile field only with its category (anything else is refused before anything is done).
 * An address that already has an account is answered exactly like a new one (same status, body
 * shape and work: the password is hashed either way), and its owner is told by e-mail instead.
 */
export async function signUp(deps: AccountsDeps, input: TSignUp, ctx: RequestContext) {
  const options = await accountOptions(deps);
  refuseUndeclaredProfileFields(input, options);
  if (options.signIn === 'password' && input.password === undefined) throw accountsErrors.required('password');
  if (options.signIn !== 'password' && input.password !== undefined) throw accountsErrors.passwordsNotDeclared();
  if (options.profileFields.includes('name') && input.name === undefined) throw accountsErrors.required('name');
  const minimumAge = await deps.policy.minimumAge();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = deps.now();
  const id = randomUUID();
  const actor = { id, role: 'customer' as const };
  await deps.uow
    .run({ actor: ANONYMOUS, requestId: ctx.requestId }, async (work) => {
      const db = tablesOf<AccountsTables>(work);
      for (const check of deps.checkSignUp ?? []) await check(work, { policy: input.policy, marketing: input.marketing, postalAddress: input.postalAddress });
      const existing = await store.findUserByEmail(db, input.email);
      if (existing) {
        await work.audit({ action: 'accounts.sign_up_with_existing_address', subjectId: existing.id });
        await work.mail({ to: existing.email, userId: existing.id, ...accountsMails.signUpWithExistingAddress(existing.name, options.signIn) });
        return;
      }
      await store.insertUser(db, {
        id,
        email: input.email,
        email_verified_at: null,
        password_hash: passwordHash,
        // The column is required; where the policy does not declare names, it holds nothing.
        name: input.name ?? '',
        phone: input.phone ?? null,
        company: input.company ?? null,
        job_title: input.jobTitle ?? null,
        role: 'customer',
        status: 'active',
        age_attested_at: now,
        attested_minimum_age: minimumAge,
        created_at: now,
        last_active_at: now,
        password_changed_at: passwordHash ? now : null,
        password_must_change: false,
        closed_at: null,
      });
      await work.audit({
        actor,
        action: 'accounts.signed_up',
        subjectId: id,
        details: { fields: Object.entries(input).filter(([k, v]) => v != null && k !== 'password' && k !== 'policy').map(([k]) => k), attestedMinimumAge: minimumAge },
      });
      for (const hook of deps.onSignedUp ?? []) await hook(work, { id, email: input.email, policy: input.policy, marketing: input.marketing, postalAddress: input.postalAddress });
      const link = await issueEmailLink(db, deps, { userId: id, purpose: 'verify_email', newEmail: null });
      await work.mail({ to: input.email, userId: id, ...accountsMails.verifyEmail(input.name ?? '', link) });
    })
    .catch((error: unknown) => {
      // Two sign-ups racing for one address: the unique index decides, and the loser is answered
      // like any sign-up (the winner's owner gets the verification mail).
      if (error instanceof Error && /users_email_key/.test(error.message)) return;
      throw error;
    });
  return { id };
}
