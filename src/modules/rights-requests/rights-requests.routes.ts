import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZCorrectionRequest, ZRightsOptions, ZSubmitRequest } from './rights-requests.schema.js';
import { REQUEST_KINDS } from './rights-requests.tables.js';
import type { RightsRequestsService } from './rights-requests.use-cases.js';

export type RightsRequestsRoutesDeps = {
  requests: RightsRequestsService;
  auth: AuthHooks;
  policy: { current(): Promise<{ manifest: { rights: { jurisdictions: Array<{ id: string; name: string; rights: string[] }> } } }> };
};

const tags = ['privacy rights'];
/** The public form is open to anyone: a few requests per address per hour is plenty for a person. */
const formLimit = { rateLimit: { max: 5, timeWindow: '1 hour' } };
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Requests about one's data: a signed-in person's correction requests, and the public request form. */
export function registerRightsRequestsRoutes(app: HttpServer, deps: RightsRequestsRoutesDeps) {
  const { requests, auth } = deps;

  // A right (rectification) that does not wait for the privacy policy to be accepted.
  app.post('/api/me/corrections', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags, body: ZCorrectionRequest, response: { 201: z.object({ id: z.uuid(), dueOn: z.string() }) } } }, async (request, reply) =>
    reply.status(201).send(await requests.requestCorrection(principalOf(request), request.body, requestContext(request))),
  );

  // Public: what the request form offers, from the policy in force.
  app.get('/api/rights/options', { schema: { tags, response: { 200: ZRightsOptions } } }, async () => {
    const active = await deps.policy.current();
    return { kinds: [...REQUEST_KINDS], jurisdictions: active.manifest.rights.jurisdictions.map((j) => ({ id: j.id, name: j.name, rights: j.rights })) };
  });

  app.post('/api/rights/requests', { config: formLimit, schema: { tags, body: ZSubmitRequest, response: { 202: z.object({ id: z.uuid(), dueOn: z.string() }) } } }, async (request, reply) =>
    reply.status(202).send(await requests.submitRequest(request.body, requestContext(request))),
  );

  app.post('/api/rights/requests/verify', { config: tokenLimit, schema: { tags, body: z.object({ token: z.string().min(1).max(200) }), response: { 200: z.object({ id: z.uuid(), kind: z.string(), dueOn: z.string() }) } } }, async (request) =>
    requests.verifyRequest(request.body.token, requestContext(request)),
  );
}
