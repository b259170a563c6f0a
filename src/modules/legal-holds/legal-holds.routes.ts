import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZHold, ZOpenHold } from './legal-holds.schema.js';
import type { LegalHoldsService } from './legal-holds.use-cases.js';

const tags = ['privacy officer'];

/** Privacy officers open, list and release legal holds. */
export function registerLegalHoldsRoutes(app: HttpServer, deps: { holds: LegalHoldsService; auth: AuthHooks }) {
  const { holds, auth } = deps;
  const officer = auth.requireRole('privacy_officer', 'admin');
  app.post('/api/privacy-officer/legal-holds', { preHandler: officer, schema: { tags, body: ZOpenHold, response: { 201: ZHold } } }, async (request, reply) =>
    reply.status(201).send(await holds.openLegalHold(principalOf(request), request.body, requestContext(request))),
  );
  app.get('/api/privacy-officer/legal-holds', { preHandler: officer, schema: { tags, response: { 200: z.object({ holds: z.array(ZHold) }) } } }, async (request) => ({
    holds: await holds.listLegalHolds(principalOf(request)),
  }));
  app.post('/api/privacy-officer/legal-holds/:id/release', { preHandler: officer, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZHold } } }, async (request) =>
    holds.releaseLegalHold(principalOf(request), request.params.id, requestContext(request)),
  );
}
