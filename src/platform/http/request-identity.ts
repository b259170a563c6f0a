import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/index.js';
import { ROLES } from './roles.js';

/**
 * Who is asking, as every module sees it. The accounts module resolves the session cookie into a
 * `Principal` (its auth hooks); every other module only reads it, so it lives here, below them all.
 */
export { ROLES };
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export type Principal = {
  userId: string;
  sessionId: string;
  role: Role;
  /** Set while the account's password is a one-time one; the auth hooks then refuse most routes. */
  passwordMustChange?: boolean;
};

/** What a request tells about its origin, for audit entries and security e-mails. */
export type RequestContext = {
  requestId: string;
  userAgent?: string;
  ip?: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The guards routes put in front of their handlers: `preHandler: auth.requireRole('admin')`. */
export type AuthHooks = {
  /** Sets `request.principal` (or null) on every request; registered once as an onRequest hook. */
  resolve(request: FastifyRequest): Promise<void>;
  requireUser: Guard;
  requireRole(...roles: Role[]): Guard;
  /** Only for the routes a person must reach to get rid of a one-time password. */
  requireUserWithOneTimePassword: Guard;
  /**
   * Only for the routes a person must reach before they have accepted the privacy policy (an account
   * made for them): accepting it, and their data rights (a copy, the erasure). requireUser and
   * requireRole refuse everything else until then.
   */
  requireUserBeforePolicyAccepted: Guard;
};

export const signInRequired = () => new AppError('unauthenticated', 'Sign in to continue.');

export function requestContext(request: FastifyRequest): RequestContext {
  return { requestId: request.id, userAgent: request.headers['user-agent'], ip: request.ip };
}

/** For handlers behind requireUser: the principal, typed as present. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw signInRequired();
  return request.principal;
}
