import type { FastifyRequest } from 'fastify';
import { requestContext, type AuthHooks, type Principal, type RequestContext } from '../../platform/http/index.js';
import type { AccountsService } from './accounts.use-cases.js';
import { accountsErrors } from './accounts.errors.js';

export const SESSION_COOKIE = 'mv_session';

export type AuthHookOptions = {
  /**
   * Refuses (throws) while the person has not accepted the privacy policy: an account made for them
   * by the operator's CLI or as the first administrator (the privacy module's acceptance gate).
   */
  requirePolicyAccepted?: (principal: Principal, ctx: RequestContext) => Promise<void>;
};

/**
 * The guards other modules put in front of their routes (`preHandler: auth.requireRole('admin')`),
 * backed by this module's sessions. While an account's password is a one-time one, requireUser and
 * requireRole refuse every route: only the few behind requireUserWithOneTimePassword (read /api/me,
 * change the password, sign out) answer. Then, until its owner has accepted the privacy policy, they
 * refuse every route but those and the ones behind requireUserBeforePolicyAccepted.
 */
export function createAuthHooks(accounts: Pick<AccountsService, 'authenticate'>, options: AuthHookOptions = {}): AuthHooks {
  function signedInWithOwnPassword(request: FastifyRequest): Principal {
    if (!request.principal) throw accountsErrors.signInRequired();
    if (request.principal.passwordMustChange) throw accountsErrors.passwordChangeRequired();
    return request.principal;
  }
  async function signedInAndAccepted(request: FastifyRequest): Promise<Principal> {
    const principal = signedInWithOwnPassword(request);
    await options.requirePolicyAccepted?.(principal, requestContext(request));
    return principal;
  }
  return {
    resolve: async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.principal = token ? await accounts.authenticate(token) : null;
    },
    requireUser: async (request) => {
      await signedInAndAccepted(request);
    },
    requireRole:
      (...roles) =>
      async (request) => {
        // The role first: someone the route is not for learns nothing about the policy from it.
        if (!roles.includes(signedInWithOwnPassword(request).role)) throw accountsErrors.notAllowed();
        await signedInAndAccepted(request);
      },
    requireUserBeforePolicyAccepted: async (request) => {
      signedInWithOwnPassword(request);
    },
    requireUserWithOneTimePassword: async (request) => {
      if (!request.principal) throw accountsErrors.signInRequired();
    },
  };
}
