import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZAnswer, ZReason, ZRequestMetrics, ZRequestView } from './rights-requests.schema.js';
import { REQUEST_STATUSES } from './rights-requests.tables.js';
import type { RightsRequestsService } from './rights-requests.use-cases.js';

const tags = ['privacy officer'];
const ZId = z.object({ id: z.uuid() });

/** The privacy officers' side: the request queue with its deadlines, actions and metrics. */
export function registerRequestOfficerRoutes(app: HttpServer, deps: { requests: RightsRequestsService; auth: AuthHooks }) {
  const { requests, auth } = deps;
  const officer = auth.requireRole('privacy_officer', 'admin');

  app.get(
    '/api/privacy-officer/requests',
    {
      preHandler: officer,
      schema: {
        tags,
        querystring: z.object({
          status: z.enum([...REQUEST_STATUSES, 'pending']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ requests: z.array(ZRequestView) }) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      return { requests: await requests.listRequests(principalOf(request), { limit, offset, ...(status ? { status } : {}) }, requestContext(request)) };
    },
  );

  app.get('/api/privacy-officer/requests/metrics', { preHandler: officer, schema: { tags, response: { 200: ZRequestMetrics } } }, async () => requests.requestMetrics());

  const reply200 = { 200: z.object({ request: ZRequestView }) };
  app.post('/api/privacy-officer/requests/:id/extend', { preHandler: officer, schema: { tags, params: ZId, body: ZReason, response: reply200 } }, async (request) => ({
    request: await requests.extendRequest(principalOf(request), request.params.id, request.body.reason, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/deny', { preHandler: officer, schema: { tags, params: ZId, body: ZReason, response: reply200 } }, async (request) => ({
    request: await requests.denyRequest(principalOf(request), request.params.id, request.body.reason, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/complete', { preHandler: officer, schema: { tags, params: ZId, body: ZAnswer, response: reply200 } }, async (request) => ({
    request: await requests.completeRequest(principalOf(request), request.params.id, request.body.answer, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/erase', { preHandler: officer, schema: { tags, params: ZId, response: { 202: z.object({ request: ZRequestView, erasureId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await requests.eraseForRequest(principalOf(request), request.params.id, requestContext(request))),
  );
  app.post('/api/privacy-officer/requests/:id/export', { preHandler: officer, schema: { tags, params: ZId, response: { 202: z.object({ request: ZRequestView }) } } }, async (request, reply) =>
    reply.status(202).send({ request: await requests.exportForRequest(principalOf(request), request.params.id, requestContext(request)) }),
  );
}
