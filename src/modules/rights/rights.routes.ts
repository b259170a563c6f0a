import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZMemberErasure, ZMemberExport, ZMemberRequest, ZPrivacyDashboard, ZProcessingKind, ZRestriction } from './rights.schema.js';
import type { RightsService } from './rights.use-cases.js';

export type RightsRoutesDeps = { rights: RightsService; auth: AuthHooks };

const tags = ['privacy rights'];
const ZId = z.object({ id: z.uuid() });
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/** The person's privacy dashboard, restriction and opt-outs; organisation administrators' rights over members. */
export function registerRightsRoutes(app: HttpServer, deps: RightsRoutesDeps) {
  const { rights, auth } = deps;

  app.get('/api/me/privacy', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZPrivacyDashboard.nullable() } } }, async (request) => rights.dashboard(principalOf(request)));

  // Restricting and opting out only lessen processing: open before the privacy policy is accepted too
  // (an objection needs no agreement). Lifting them widens it again, so waits for the acceptance.
  app.post('/api/me/restriction', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags, body: ZRestriction, response: { 200: ZOk } } }, async (request) => {
    await rights.setRestriction(principalOf(request), 'all', true, request.body.reason ?? null, requestContext(request));
    return ok;
  });
  app.delete('/api/me/restriction', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZOk } } }, async (request) => {
    await rights.setRestriction(principalOf(request), 'all', false, null, requestContext(request));
    return ok;
  });

  const ZKind = z.object({ kind: ZProcessingKind });
  app.post('/api/me/opt-outs/:kind', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags, params: ZKind, response: { 200: ZOk } } }, async (request) => {
    await rights.setRestriction(principalOf(request), request.params.kind, true, null, requestContext(request));
    return ok;
  });
  app.delete('/api/me/opt-outs/:kind', { preHandler: auth.requireUser, schema: { tags, params: ZKind, response: { 200: ZOk } } }, async (request) => {
    await rights.setRestriction(principalOf(request), request.params.kind, false, null, requestContext(request));
    return ok;
  });

  const ZMember = z.object({ id: z.uuid(), userId: z.uuid() });
  app.post('/api/orgs/:id/members/:userId/export', { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZMember, response: { 202: z.object({ exportId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.exportMember(principalOf(request), request.params.id, request.params.userId, requestContext(request))),
  );
  app.post('/api/orgs/:id/members/:userId/erase', { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZMember, response: { 202: z.object({ erasureId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.eraseMember(principalOf(request), request.params.id, request.params.userId, requestContext(request))),
  );
  // Seed 002: the members' privacy requests, where the policy names the organisation's administrator as a way to act.
  app.get(
    '/api/orgs/:id/member-requests',
    { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZId, response: { 200: z.object({ requests: z.array(ZMemberRequest) }) } } },
    async (request) => ({ requests: await rights.listMemberRequests(principalOf(request), request.params.id, requestContext(request)) }),
  );
  // The admin's own requests about members: exports to download, erasures still under way.
  app.get(
    '/api/orgs/:id/member-rights',
    { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZId, response: { 200: z.object({ exports: z.array(ZMemberExport), erasures: z.array(ZMemberErasure) }) } } },
    async (request) => rights.listMemberRights(principalOf(request), request.params.id, requestContext(request)),
  );
}
