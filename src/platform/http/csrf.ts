import type { FastifyRequest } from 'fastify';
import type { HttpServer } from './server.js';
import { z } from 'zod';
import { hashToken } from '../crypto/index.js';
import { AppError } from '../errors/index.js';
import { allowedEmbedOrigin, isEmbeddableRoute, type EmbedOrigins } from './embed-origins.js';
import { isKeyAuthenticatedRoute } from './key-authenticated.js';

export type CsrfOptions = {
  /** The cookie that makes a request ambient-authenticated; without it there is nothing to forge. */
  sessionCookie: string;
  headerName?: string;
  /** The origin the app is published at (its public URL); the request's own host is also accepted. */
  publicUrl: string;
  /** A keyed signature of a text (HMAC with the installation's secret). */
  sign(message: string): string;
  /** True when `signature` is `sign(message)` under any key still accepted (keys rotate). */
  verify(message: string, signature: string): boolean;
  /**
   * The operator's own websites, whose pages may call the embeddable routes (the consent banner's
   * records, analytics events). Those routes read no cookie and no session, so there is nothing to forge.
   */
  embedOrigins?: EmbedOrigins;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route whose URL carries its own signed token (an RFC 8058 one-click unsubscribe link): the
     * token says who may act, not the session, so a session cookie sent along needs no CSRF token.
     * Cross-site refusal still applies.
     */
    csrfExempt?: boolean;
  }
}

export const CSRF_TOKEN_PATH = '/api/session/csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What browsers say about where a request came from (Fetch Metadata); anything else is another site. */
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

/**
 * Refuses forged requests without a cookie of its own (a cookie the policy does not declare must not
 * be set): a session's token is the HMAC of its cookie's hash under the installation secret, which the
 * web app reads from CSRF_TOKEN_PATH (same-origin only: no CORS) and echoes in a header on unsafe
 * requests. Another site can make the browser send the session cookie but can neither read nor compute
 * the token. Every unsafe request, signed in or not, is also refused when the browser says it comes
 * from another site (Sec-Fetch-Site) or names an Origin that is not this installation's, except on an
 * embeddable route called from an origin the operator lists (`embedOrigins`). A key-authenticated
 * route (the desktop API) reads no cookie at all: there is nothing to forge, and it is not checked.
 */
export function installCsrfProtection(app: HttpServer, options: CsrfOptions) {
  const headerName = options.headerName ?? 'x-csrf-token';
  const publicOrigin = new URL(options.publicUrl).origin;
  const tokenFor = (session: string) => options.sign(hashToken(session));

  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method) || isKeyAuthenticatedRoute(request)) return;
    if (isEmbeddableRoute(request)) {
      if (comesFromAnotherSite(request, publicOrigin) && !allowedEmbedOrigin(request, options.embedOrigins ?? [])) throw new AppError('forbidden', 'This website may not record choices here: its origin is not in MESHVAULT_EMBED_ORIGINS.', { reason: 'cross_site' });
      return;
    }
    if (comesFromAnotherSite(request, publicOrigin)) throw new AppError('forbidden', 'This request came from another website and was refused. Use this site’s own pages.', { reason: 'cross_site' });
    const session = request.cookies[options.sessionCookie];
    if (!session || request.routeOptions.config.csrfExempt === true) return;
    const header = request.headers[headerName];
    const sent = typeof header === 'string' ? header : '';
    if (!sent || !options.verify(hashToken(session), sent)) {
      throw new AppError('forbidden', 'Missing or wrong CSRF token. Reload the page and try again.', { reason: 'csrf' });
    }
  });

  app.get(
    CSRF_TOKEN_PATH,
    { schema: { tags: ['accounts'], response: { 200: z.object({ token: z.string().nullable() }) } } },
    async (request, reply) => {
      const session = request.cookies[options.sessionCookie];
      reply.header('cache-control', 'no-store');
      return { token: session ? tokenFor(session) : null };
    },
  );
}

function comesFromAnotherSite(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return !SAME_SITE_FETCH.has(site);
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false; // not a browser, or an old one that sends neither
  return origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`;
}

