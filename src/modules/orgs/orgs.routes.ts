import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { OrgsService } from './orgs.use-cases.js';
import { ZCreateOrg, ZInvitationToken, ZInvite, ZMember, ZMyOrg, ZOrgMembership, ZOrgSummary, ZPendingInvitation } from './orgs.schema.js';

export type OrgsRoutesDeps = { orgs: OrgsService; auth: AuthHooks };

const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
const tags = ['organisations'];
// Invitations e-mail any address: limited so an admin account cannot be used to spam.
const inviteLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const ZPage = (max: number, byDefault: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(byDefault), offset: z.coerce.number().int().min(0).default(0) });
const ZOrgParams = z.object({ id: z.uuid() });
const ZMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export function registerOrgsRoutes(app: HttpServer, deps: OrgsRoutesDeps) {
  const { orgs, auth } = deps;

  app.post(
    '/api/admin/orgs',
    { preHandler: auth.requireRole('admin'), schema: { tags: ['admin', ...tags], body: ZCreateOrg, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await orgs.create(principalOf(request), request.body, requestContext(request))),
  );

  app.get(
    '/api/admin/orgs',
    { preHandler: auth.requireRole('admin'), schema: { tags: ['admin', ...tags], querystring: ZPage(500, 100), response: { 200: z.object({ organisations: z.array(ZOrgSummary) }) } } },
    async (request) => ({ organisations: await orgs.list(request.query) }),
  );

  app.get('/api/orgs/mine', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ organisation: ZMyOrg.extend({ canManageMembers: z.boolean() }).nullable() }) } } }, async (request) => ({
    organisation: await orgs.mine(principalOf(request)),
  }));

  app.post(
    '/api/orgs/invitations/accept',
    { config: inviteLimit, preHandler: auth.requireUser, schema: { tags, body: ZInvitationToken, response: { 200: z.object({ organisation: ZOrgMembership }) } } },
    async (request) => ({ organisation: await orgs.acceptInvitation(principalOf(request), request.body.token, requestContext(request)) }),
  );

  app.get(
    '/api/orgs/:id/members',
    {
      preHandler: auth.requireUser,
      schema: { tags, params: ZOrgParams, querystring: ZPage(1000, 200), response: { 200: z.object({ members: z.array(ZMember), invitations: z.array(ZPendingInvitation) }) } },
    },
    async (request) => orgs.listMembers(principalOf(request), request.params.id, request.query, requestContext(request)),
  );

  app.post(
    '/api/orgs/:id/invitations',
    { config: inviteLimit, preHandler: auth.requireUser, schema: { tags, params: ZOrgParams, body: ZInvite, response: { 201: z.object({ id: z.uuid(), expiresAt: z.date() }) } } },
    async (request, reply) => reply.status(201).send(await orgs.invite(principalOf(request), request.params.id, request.body.email, requestContext(request))),
  );

  app.post('/api/orgs/:id/members/:userId/suspend', { preHandler: auth.requireUser, schema: { tags, params: ZMemberParams, response: { 200: ZOk } } }, async (request) => {
    await orgs.setMemberStatus(principalOf(request), request.params.id, request.params.userId, 'suspended', requestContext(request));
    return ok;
  });

  app.post('/api/orgs/:id/members/:userId/reactivate', { preHandler: auth.requireUser, schema: { tags, params: ZMemberParams, response: { 200: ZOk } } }, async (request) => {
    await orgs.setMemberStatus(principalOf(request), request.params.id, request.params.userId, 'active', requestContext(request));
    return ok;
  });

  app.delete('/api/orgs/:id/members/:userId', { preHandler: auth.requireUser, schema: { tags, params: ZMemberParams, response: { 200: ZOk } } }, async (request) => {
    await orgs.remove(principalOf(request), request.params.id, request.params.userId, requestContext(request));
    return ok;
  });
}
