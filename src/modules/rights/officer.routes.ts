import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZDisclosureFacts, ZRecordDisclosure } from './rights.schema.js';
import type { RightsService } from './rights.use-cases.js';

const tags = ['privacy officer'];
const ZId = z.object({ id: z.uuid() });

/** The privacy officers' side of the disclosure log: disclosures made outside the system. */
export function registerOfficerRoutes(app: HttpServer, deps: { rights: RightsService; auth: AuthHooks }) {
  const { rights, auth } = deps;
  const officer = auth.requireRole('privacy_officer', 'admin');

  // outsidePolicy: the recipient is not in the policy; the entry says so.
  const reply201 = { 201: z.object({ id: z.uuid(), outsidePolicy: z.boolean() }) };
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
