import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/log/index.js';
import type { UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
import type { AccountsTables } from './accounts.tables.js';

export type SignedUp = {
  id: string;
  email: string;
  policy?: { version: number; hash: string; accepted?: boolean | undefined } | undefined;
  /** The marketing boxes ticked on the sign-up form. */
  marketing?: Array<{ purpose: string; topic: string; channel: string }> | undefined;
};

export type AccountsDeps = {
  db: Kysely<AccountsTables>;
  uow: UnitOfWork;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  auth: { maxFailures: number; lockoutMinutes: number; sessionDays: number };
  /** Policy values come from the active privacy manifest, never from literals here. */
  policy: {
    minimumAge(): Promise<number>;
    /** Whether the policy in force declares a category. Never asked inside a unit of work (it may read the database). */
    declares(category: string): Promise<boolean>;
    /** How long the policy's session cookie lives, in seconds; null when it lasts until the browser closes. */
    sessionCookieSeconds?(): Promise<number | null>;
  };
  /** Called inside the work that verifies an address (organisations claim domains here). */
  onEmailVerified?: Array<(work: Work, user: { id: string; email: string }) => Promise<void>>;
  /**
   * Called inside the work that creates an account by sign-up, with the policy the person was shown
   * (the privacy module records the acceptance here, or refuses and so undoes the sign-up).
   */
  onSignedUp?: Array<(work: Work, user: SignedUp) => Promise<void>>;
  /** Asked first in the sign-up's work, also for an address that has an account (its answer must not differ). */
  checkSignUp?: Array<(work: Work, input: Pick<SignedUp, 'policy'>) => Promise<void>>;
  /**
   * True while the account is being erased (the rights module answers): between the request and the
   * erasure of the account row it can no longer be signed into, nor its password reset. Asked inside
   * the work that would use the account (an embedded database has a single connection).
   */
  isBeingErased?: (work: Work, userId: string) => Promise<boolean>;
};
