import type { FastifyRequest } from 'fastify';
import type { HttpServer } from './server.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route may be called by a script on one of the operator's own websites (another origin):
     * CORS without credentials for the origins the operator lists, and never a cookie or a session.
     */
    embeddable?: boolean;
  }
}

/** The origins (scheme://host[:port]) whose pages may call the embeddable routes. */
export type EmbedOrigins = readonly string[];

export const isEmbeddableRoute = (request: FastifyRequest) => request.routeOptions.config?.embeddable === true;

/** The Origin header when it is one the operator lists, else null. */
export function allowedEmbedOrigin(request: FastifyRequest, origins: EmbedOrigins): string | null {
  const origin = request.headers.origin;
  return typeof origin === 'string' && origins.includes(origin) ? origin : null;
}

/**
 * Answers CORS for the embeddable routes: an origin the operator lists may read the answer and send
 * JSON, without credentials (no `Access-Control-Allow-Credentials`, so the browser neither sends nor
 * accepts cookies); any other origin gets no CORS header and the browser keeps the answer from it
 * (the CSRF check refuses its unsafe requests before they run). Each embeddable path also answers the
 * preflight `OPTIONS` through `allowPreflight`.
 */
export function installEmbedCors(app: HttpServer, origins: EmbedOrigins) {
  app.addHook('onRequest', async (request, reply) => {
    if (!isEmbeddableRoute(request)) return;
    reply.header('vary', 'Origin');
    const origin = allowedEmbedOrigin(request, origins);
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '600');
    }
  });
}

/** The preflight of an embeddable path (CORS headers come from installEmbedCors). */
export function allowPreflight(app: HttpServer, path: string) {
  app.options(path, { config: { embeddable: true }, schema: { hide: true } }, async (_request, reply) => reply.status(204).send());
}
