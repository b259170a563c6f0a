import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZAdjustQuote, ZQuote } from './quotes.schema.js';
import type { QuotesService } from './quotes.use-cases.js';

export type QuotesRoutesDeps = { quotes: QuotesService; auth: AuthHooks };

const tags = ['quotes'];
const ZId = z.object({ id: z.uuid() });
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

export function registerQuotesRoutes(app: HttpServer, deps: QuotesRoutesDeps) {
  const { quotes, auth } = deps;

  app.post('/api/projects/:id/quotes', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 201: z.object({ quote: ZQuote }) } } }, async (request, reply) =>
    reply.status(201).send({ quote: await quotes.issue(principalOf(request), request.params.id, requestContext(request)) }),
  );

  app.get('/api/projects/:id/quotes', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ quotes: z.array(ZQuote), canRequest: z.boolean() }) } } }, async (request) =>
    quotes.list(principalOf(request), request.params.id, requestContext(request)),
  );

  app.post(
    '/api/quotes/:id/adjust',
    { preHandler: auth.requireRole('staff', 'admin'), schema: { tags, params: ZId, body: ZAdjustQuote, response: { 200: ZOk } } },
    async (request) => {
      await quotes.adjust(principalOf(request), request.params.id, request.body, requestContext(request));
      return ok;
    },
  );

  app.post('/api/quotes/:id/accept', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZOk } } }, async (request) => {
    await quotes.decide(principalOf(request), request.params.id, 'accepted', requestContext(request));
    return ok;
  });

  app.post('/api/quotes/:id/decline', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZOk } } }, async (request) => {
    await quotes.decide(principalOf(request), request.params.id, 'declined', requestContext(request));
    return ok;
  });
}
