import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.js';

export type CsrfOptions = {
  /** The cookie that makes a request ambient-authenticated; without it there is nothing to forge. */
  sessionCookie: string;
  cookieName?: string;
  headerName?: string;
  secure: boolean;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token: the browser app reads a non-HttpOnly cookie and echoes it in a header.
 * A cross-site form can send the session cookie (if SameSite allowed it) but cannot read the token.
 */
export function csrfProtection(options: CsrfOptions) {
  const cookieName = options.cookieName ?? 'mv_csrf';
  const headerName = options.headerName ?? 'x-csrf-token';
  return async function checkCsrf(request: FastifyRequest, reply: FastifyReply) {
    if (!request.cookies[cookieName]) {
      reply.setCookie(cookieName, randomBytes(24).toString('base64url'), {
        path: '/',
        sameSite: 'strict',
        secure: options.secure,
        httpOnly: false,
      });
    }
    if (SAFE_METHODS.has(request.method) || !request.cookies[options.sessionCookie]) return;
    const cookie = request.cookies[cookieName] ?? '';
    const header = request.headers[headerName];
    const sent = typeof header === 'string' ? header : '';
    const ok = cookie.length > 0 && sent.length === cookie.length && timingSafeEqual(Buffer.from(sent), Buffer.from(cookie));
    if (!ok) throw new AppError('forbidden', 'Missing or wrong CSRF token. Reload the page and try again.');
  };
}
