/** The headers worked out once are the ones @fastify/helmet writes per request, on answers and on 404s. */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

async function answers(setUp: (app: FastifyInstance) => Promise<void>) {
  const app = Fastify();
  await setUp(app);
  app.get('/here', async () => ({ ok: true }));
  try {
    return await Promise.all(['/here', '/nowhere'].map(async (url) => (await app.inject(url)).headers));
  } finally {
    await app.close();
  }
}

const strip = ({ date: _date, ...headers }: Record<string, unknown>) => headers;

describe('securityHeaders', () => {
  // Typed by helmet's own ESM declarations; the plugin is typed by its CommonJS ones, the same options.
  const cases: Record<string, HelmetOptions> = {
    'plain http': { strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, defaultSrc: ["'self'"] } } },
    https: { strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false }, contentSecurityPolicy: { directives: { upgradeInsecureRequests: [], defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } },
  };
  for (const [name, options] of Object.entries(cases)) {
    it(`matches the plugin's headers (${name})`, async () => {
      const headers = securityHeaders(options);
      expect(headers.map(([n]) => n)).toContain('content-security-policy');
      const once = await answers(async (app) => {
        app.addHook('onRequest', (_request, reply, done) => {
          for (const [n, value] of headers) reply.raw.setHeader(n, value);
          done();
        });
      });
      const plugin = await answers(async (app) => {
        await app.register(helmet, options as unknown as FastifyHelmetOptions);
      });
      expect(once.map(strip)).toEqual(plugin.map(strip));
    });
  }
});
