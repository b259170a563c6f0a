import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../accounts/index.js';
import type { RightsService } from './rights.service.js';
import { ZAnswer, ZDisclosureFacts, ZReason, ZRecordDisclosure, ZRequestMetrics, ZRequestView } from './rights.schema.js';
import { REQUEST_STATUSES } from './rights.tables.js';

const tags = ['privacy officer'];
const ZId = z.object({ id: z.uuid() });

/** The privacy officers' side: the request queue with its deadlines, actions and metrics; disclosures. */
export function registerOfficerRoutes(app: HttpServer, deps: { rights: RightsService; auth: AuthHooks }) {
  const { rights, auth } = deps;
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
      return { requests: await rights.listRequests(principalOf(request), { limit, offset, ...(status ? { status } : {}) }, requestContext(request)) };
    },
  );

  app.get('/api/privacy-officer/requests/metrics', { preHandler: officer, schema: { tags, response: { 200: ZRequestMetrics } } }, async () => rights.requestMetrics());

  const reply200 = { 200: z.object({ request: ZRequestView }) };
  app.post('/api/privacy-officer/requests/:id/extend', { preHandler: officer, schema: { tags, params: ZId, body: ZReason, response: reply200 } }, async (request) => ({
    request: await rights.extendRequest(principalOf(request), request.params.id, request.body.reason, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/deny', { preHandler: officer, schema: { tags, params: ZId, body: ZReason, response: reply200 } }, async (request) => ({
    request: await rights.denyRequest(principalOf(request), request.params.id, request.body.reason, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/complete', { preHandler: officer, schema: { tags, params: ZId, body: ZAnswer, response: reply200 } }, async (request) => ({
    request: await rights.completeRequest(principalOf(request), request.params.id, request.body.answer, requestContext(request)),
  }));
  app.post('/api/privacy-officer/requests/:id/erase', { preHandler: officer, schema: { tags, params: ZId, response: { 202: z.object({ request: ZRequestView, erasureId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.eraseForRequest(principalOf(request), request.params.id, requestContext(request))),
  );
  app.post('/api/privacy-officer/requests/:id/export', { preHandler: officer, schema: { tags, params: ZId, response: { 202: z.object({ request: ZRequestView }) } } }, async (request, reply) =>
    reply.status(202).send({ request: await rights.exportForRequest(principalOf(request), request.params.id, requestContext(request)) }),
  );

  const reply201 = { 201: z.object({ id: z.uuid() }) };
  app.post('/api/privacy-officer/disclosures', { preHandler: officer, schema: { tags, body: ZRecordDisclosure, response: reply201 } }, async (request, reply) => {
    const { subjectId, subjectEmail, ...facts } = request.body;
    // The schema lets exactly one of the two through.
    const subject = subjectEmail !== undefined ? { email: subjectEmail } : { id: subjectId! };
    return reply.status(201).send(await rights.recordDisclosure(principalOf(request), subject, facts, requestContext(request)));
  });
  // From the queue: the person is the account of the request, which the officer need not look up.
  app.post('/api/privacy-officer/requests/:id/disclosures', { preHandler: officer, schema: { tags, params: ZId, body: ZDisclosureFacts, response: reply201 } }, async (request, reply) =>
    reply.status(201).send(await rights.recordDisclosure(principalOf(request), { requestId: request.params.id }, request.body, requestContext(request))),
  );
}
