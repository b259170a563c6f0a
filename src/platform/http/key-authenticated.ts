import type { FastifyRequest } from 'fastify';
import type { HttpServer } from './server.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The caller proves who it is with a key it holds and sends in the Authorization header (the
     * desktop licensing API): no cookie or session is read, so a page of another origin has nothing
     * ambient to borrow. Such routes skip the cross-site refusal and answer CORS for any origin without
     * credentials, so a desktop app's own pages (an Electron renderer on `app://` or `file://`) can call them.
     */
    keyAuthenticated?: boolean;
  }
}

export const isKeyAuthenticatedRoute = (request: FastifyRequest) => request.routeOptions.config?.keyAuthenticated === true;

/**
 * CORS of the key-authenticated routes: any origin may read the answer (`*`, which browsers never
 * combine with cookies) and send the Authorization header and JSON; each such path answers its
 * preflight `OPTIONS` through `allowKeyAuthenticatedPreflight`.
 */
export function installKeyAuthenticatedCors(app: HttpServer) {
  app.addHook('onRequest', async (request, reply) => {
    if (!isKeyAuthenticatedRoute(request)) return;
    reply.header('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, DELETE');
      reply.header('access-control-allow-headers', 'authorization, content-type');
      reply.header('access-control-max-age', '600');
    }
  });
}

/** The preflight of every key-authenticated path under `prefix` (CORS headers come from installKeyAuthenticatedCors). */
export function allowKeyAuthenticatedPreflight(app: HttpServer, prefix: string) {
  app.options(`${prefix}/*`, { config: { keyAuthenticated: true }, schema: { hide: true } }, async (_request, reply) => reply.status(204).send());
}
