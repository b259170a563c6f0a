import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZErasureConfirm, ZErasureView } from './erasure.schema.js';
import type { ErasureService } from './erasure.use-cases.js';

const tags = ['privacy rights'];
const ZId = z.object({ id: z.uuid() });
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** "Delete my account", and the certificate by its signed link. */
export function registerErasureRoutes(app: HttpServer, deps: { erasure: ErasureService; auth: AuthHooks }) {
  const { erasure, auth } = deps;

  // Also before the privacy policy is accepted: refusing it is a reason to want the account gone.
  app.post('/api/me/erasure', { preHandler: auth.requireUserBeforePolicyAccepted, config: tokenLimit, schema: { tags, body: ZErasureConfirm, response: { 202: z.object({ erasureId: z.uuid(), token: z.string(), certificateUrl: z.string() }) } } }, async (request, reply) =>
    reply.status(202).send(await erasure.eraseMe(principalOf(request), request.body.password, requestContext(request))),
  );

  app.get('/api/erasures/:id', { config: tokenLimit, schema: { tags, params: ZId, querystring: z.object({ token: z.string().min(1).max(200) }), response: { 200: ZErasureView } } }, async (request) =>
    erasure.readErasure(request.params.id, request.query.token),
  );
}
