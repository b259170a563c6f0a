import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../log/index.js';
import { answerFrameworkError, clientErrorHandler } from './client-errors.js';
import { notFoundHandler } from './not-found.js';
import { refusingNulBytes } from './nul-bytes.js';
import { refusingCardNumbers } from './card-numbers.js';
import { refuseBodyWhereNoneIsTaken, refusingUnknownFields } from './unknown-fields.js';
import { handleError } from './problem.js';
import { problemPage } from './problem-types.js';
import { pluginStore, type RateLimitStore } from './rate-limit-store.js';
import { securityHeaders } from './security-headers.js';

export type HttpServerOptions = {
  logger: Logger;
  title: string;
  version: string;
  publicUrl: string;
  bodyLimitBytes?: number;
  /**
   * Which peers may say, in X-Forwarded-For, whom they forward for: false (none: the default), a hop
   * count, or addresses/CIDRs. Trusting every peer would let any client choose its own address, and so
   * dodge per-address rate limits and write a made-up address into sessions and the audit log.
   */
  trustProxy?: false | number | string[];
  /** Where rate limits count (e.g. the shared database, so they hold across processes); default: this process's memory. */
  rateLimitStore?: RateLimitStore;
};

/**
 * Fastify 5 turns a numeric trustProxy into "trust nobody" (a hop count cannot check who the peer is).
 * An operator who names a count asserts that every request passes exactly that many proxies of theirs,
 * so it is honoured as proxy-addr defines it: the nearest `hops` addresses are proxies.
 */
function trustProxyOption(trust: HttpServerOptions['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust ?? false;
  return trust > 0 ? (_address, hop) => hop < trust : false;
}

/**
 * Fastify's compiler factories, returning our zod compilers as `setValidatorCompiler` and
 * `setSerializerCompiler` would install them. Fastify types these factories for ajv's schemas only,
 * hence the cast; at run time a factory is called with the route schemas, which here are zod's.
 */
function zodCompilers(validate: typeof validatorCompiler): NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']> {
  return { buildValidator: () => validate, buildSerializer: () => serializerCompiler } as never;
}

export type HttpServer = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

/** A Fastify instance with the house conventions; modules add their routes to it. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const validate = refusingCardNumbers(refusingNulBytes(refusingUnknownFields(validatorCompiler)));
  const app = Fastify({
    // Every route is validated and serialized by zod. Named here rather than set after construction,
    // so Fastify never loads its default compilers (ajv and fast-json-stringify, some 500 modules
    // that a start would compile for nothing: issue #12).
    schemaController: { compilersFactory: zodCompilers(validate) },
    loggerInstance: options.logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: trustProxyOption(options.trustProxy),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: clientErrorHandler({ publicUrl: options.publicUrl, log: options.logger }),
  }).withTypeProvider<ZodTypeProvider>();
  const https = options.publicUrl.startsWith('https://');

  app.decorate('publicUrl', options.publicUrl);
  app.addHook('preValidation', refuseBodyWhereNoneIsTaken);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler(app));
  // A drain (SIGTERM) closes the server: Node then ends the idle keep-alive connections, but one busy
  // with a request would stay open after its answer until the keep-alive timeout (72 s), and the
  // process with it. An answer sent while closing tells its client to close the connection instead.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    // API answers carry personal data: no browser or proxy cache may keep them, unless a route said otherwise.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  const helmetHeaders = securityHeaders({
    // Over plain http (a LAN install reached by address) HSTS would be ignored at best, and
    // upgrade-insecure-requests would make the browser ask for every script over https: a blank page.
    // Not includeSubDomains: the other hosts under the operator's domain are not ours to pin to https.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  // Set on the raw response before anything else, as helmet itself does, so every answer carries them.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of helmetHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(rateLimit, { global: false, ...(options.rateLimitStore ? { store: pluginStore(options.rateLimitStore) } : {}) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version },
      servers: [{ url: options.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/problems/:code', { schema: { hide: true, params: z.object({ code: z.string().max(100) }) } }, async (request, reply) =>
    // The same for everyone, changing only with an upgrade: caches may keep it a while.
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=3600').send(problemPage(request.params.code)),
  );
  return app;
}
