import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import type { TSignUp } from './accounts.schema.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { issueEmailLink } from './email-links.js';
import { hashPassword } from './passwords.js';

/**
 * Creates the account, its verification link, the outbox message and the audit entry in one
 * transaction: a crash at any point leaves either all of them or none.
 */
export async function signUp(deps: AccountsDeps, input: TSignUp, ctx: RequestContext) {
  const minimumAge = await deps.policy.minimumAge();
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const id = randomUUID();
  await deps.uow
    .run({ actor: { id, role: 'customer' }, requestId: ctx.requestId }, async (work) => {
      const db = tablesOf<AccountsTables>(work);
      if (await store.findUserByEmail(db, input.email)) throw accountsErrors.emailTaken();
      await store.insertUser(db, {
        id,
        email: input.email,
        email_verified_at: null,
        password_hash: passwordHash,
        name: input.name,
        phone: input.phone,
        company: input.company,
        job_title: input.jobTitle,
        role: 'customer',
        status: 'active',
        age_attested_at: now,
        attested_minimum_age: minimumAge,
        created_at: now,
        last_active_at: now,
        password_changed_at: now,
        password_must_change: false,
      });
      await work.audit({
        action: 'accounts.signed_up',
        subjectId: id,
        details: { fields: Object.entries(input).filter(([k, v]) => v !== null && k !== 'password').map(([k]) => k), attestedMinimumAge: minimumAge },
      });
      for (const hook of deps.onSignedUp ?? []) await hook(work, { id, email: input.email, policy: input.policy });
      const link = await issueEmailLink(db, deps, { userId: id, purpose: 'verify_email', newEmail: null });
      await work.mail({ to: input.email, userId: id, ...accountsMails.verifyEmail(input.name, link) });
    })
    .catch(async (error: unknown) => {
      // Two sign-ups racing for one address: the unique index decides; answer like the check above.
      if (error instanceof Error && /users_email_key/.test(error.message)) throw accountsErrors.emailTaken();
      throw error;
    });
  return { id };
}
