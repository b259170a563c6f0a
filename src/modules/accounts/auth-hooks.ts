import type { FastifyRequest } from 'fastify';
import type { AuthHooks, Principal } from '../../platform/http/index.js';
import type { AccountsService } from './accounts.use-cases.js';
import { accountsErrors } from './accounts.errors.js';

export const SESSION_COOKIE = 'mv_session';

/**
 * The guards other modules put in front of their routes (`preHandler: auth.requireRole('admin')`),
 * backed by this module's sessions. While an account's password is a one-time one, requireUser and
 * requireRole refuse every route: only the few behind requireUserWithOneTimePassword (read /api/me,
 * change the password, sign out) answer.
 */
export function createAuthHooks(accounts: Pick<AccountsService, 'authenticate'>): AuthHooks {
  function signedInWithOwnPassword(request: FastifyRequest): Principal {
    if (!request.principal) throw accountsErrors.signInRequired();
    if (request.principal.passwordMustChange) throw accountsErrors.passwordChangeRequired();
    return request.principal;
  }
  return {
    resolve: async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.principal = token ? await accounts.authenticate(token) : null;
    },
    requireUser: async (request) => {
      signedInWithOwnPassword(request);
    },
    requireRole:
      (...roles) =>
      async (request) => {
        if (!roles.includes(signedInWithOwnPassword(request).role)) throw accountsErrors.notAllowed();
      },
    requireUserWithOneTimePassword: async (request) => {
      if (!request.principal) throw accountsErrors.signInRequired();
    },
  };
}
