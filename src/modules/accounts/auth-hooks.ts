import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService } from './accounts.service.js';
import { accountsErrors } from './accounts.errors.js';
import type { Role } from './accounts.schema.js';
import type { Principal } from './sessions.js';
import type { RequestContext } from './accounts.deps.js';

export const SESSION_COOKIE = 'mv_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Hooks other modules put in front of their routes: `preHandler: auth.requireRole('admin')`.
 * While an account's password is a one-time one, requireUser and requireRole refuse every route:
 * only the few behind requireUserWithOneTimePassword (read /api/me, change the password, sign out) answer.
 */
export function createAuthHooks(accounts: AccountsService) {
  async function resolve(request: FastifyRequest) {
    const token = request.cookies[SESSION_COOKIE];
    request.principal = token ? await accounts.authenticate(token) : null;
  }
  function signedInWithOwnPassword(request: FastifyRequest): Principal {
    if (!request.principal) throw accountsErrors.signInRequired();
    if (request.principal.passwordMustChange) throw accountsErrors.passwordChangeRequired();
    return request.principal;
  }
  return {
    /** Sets `request.principal` (or null) on every request; registered once as an onRequest hook. */
    resolve,
    requireUser: async (request: FastifyRequest, _reply: FastifyReply) => {
      signedInWithOwnPassword(request);
    },
    requireRole:
      (...roles: Role[]) =>
      async (request: FastifyRequest, _reply: FastifyReply) => {
        if (!roles.includes(signedInWithOwnPassword(request).role)) throw accountsErrors.notAllowed();
      },
    /** Only for the routes a person must reach to get rid of a one-time password. */
    requireUserWithOneTimePassword: async (request: FastifyRequest, _reply: FastifyReply) => {
      if (!request.principal) throw accountsErrors.signInRequired();
    },
  };
}
export type AuthHooks = ReturnType<typeof createAuthHooks>;

export function requestContext(request: FastifyRequest): RequestContext {
  return { requestId: request.id, userAgent: request.headers['user-agent'], ip: request.ip };
}

/** For handlers behind requireUser: the principal, typed as present. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw accountsErrors.signInRequired();
  return request.principal;
}
