import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../accounts/index.js';
import type { RightsService } from './rights.service.js';
import {
  ZCorrectionRequest,
  ZDataExport,
  ZErasureConfirm,
  ZErasureView,
  ZMemberErasure,
  ZMemberExport,
  ZPrivacyDashboard,
  ZProcessingKind,
  ZRestriction,
  ZRightsOptions,
  ZSubmitRequest,
} from './rights.schema.js';
import { REQUEST_KINDS } from './rights.tables.js';

export type RightsRoutesDeps = { rights: RightsService; auth: AuthHooks; policy: { current(): Promise<{ manifest: { rights: { jurisdictions: Array<{ id: string; name: string; rights: string[] }> } } }> } };

const tags = ['privacy rights'];
const ZId = z.object({ id: z.uuid() });
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
/** The public form is open to anyone: a few requests per address per hour is plenty for a person. */
const formLimit = { rateLimit: { max: 5, timeWindow: '1 hour' } };
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The person's own rights: dashboard, export, correction, erasure, restriction; and the public request form. */
export function registerRightsRoutes(app: HttpServer, deps: RightsRoutesDeps) {
  const { rights, auth } = deps;

  app.get('/api/me/privacy', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZPrivacyDashboard.nullable() } } }, async (request) => rights.dashboard(principalOf(request)));

  app.post('/api/me/exports', { preHandler: auth.requireUser, config: tokenLimit, schema: { tags, response: { 202: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.requestExport(principalOf(request), requestContext(request))),
  );

  app.get('/api/me/exports', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ exports: z.array(ZDataExport) }) } } }, async (request) => ({
    exports: await rights.listExports(principalOf(request)),
  }));

  app.post('/api/exports/:id/link', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ url: z.string(), expiresAt: z.date() }) } } }, async (request) =>
    rights.issueDownloadLink(principalOf(request), request.params.id, requestContext(request)),
  );

  app.get(
    '/api/exports/:id/download',
    { preHandler: auth.requireUser, config: tokenLimit, schema: { tags, params: ZId, querystring: z.object({ token: z.string().min(1).max(300) }) } },
    async (request, reply) => {
      const download = await rights.openDownload(principalOf(request), request.params.id, request.query.token, requestContext(request));
      return reply
        .type('application/zip')
        .header('content-length', String(download.size))
        .header('content-disposition', `attachment; filename="${download.name}"`)
        .header('cache-control', 'private, no-store')
        .send(download.body);
    },
  );

  app.post('/api/me/erasure', { preHandler: auth.requireUser, config: tokenLimit, schema: { tags, body: ZErasureConfirm, response: { 202: z.object({ erasureId: z.uuid(), token: z.string(), certificateUrl: z.string() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.eraseMe(principalOf(request), request.body.password, requestContext(request))),
  );

  app.get('/api/erasures/:id', { config: tokenLimit, schema: { tags, params: ZId, querystring: z.object({ token: z.string().min(1).max(200) }), response: { 200: ZErasureView } } }, async (request) =>
    rights.readErasure(request.params.id, request.query.token),
  );

  app.post('/api/me/restriction', { preHandler: auth.requireUser, schema: { tags, body: ZRestriction, response: { 200: ZOk } } }, async (request) => {
    await rights.restrict(principalOf(request), true, request.body.reason ?? null, requestContext(request));
    return ok;
  });
  app.delete('/api/me/restriction', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZOk } } }, async (request) => {
    await rights.restrict(principalOf(request), false, null, requestContext(request));
    return ok;
  });

  const ZKind = z.object({ kind: ZProcessingKind });
  app.post('/api/me/opt-outs/:kind', { preHandler: auth.requireUser, schema: { tags, params: ZKind, response: { 200: ZOk } } }, async (request) => {
    await rights.optOut(principalOf(request), request.params.kind, true, requestContext(request));
    return ok;
  });
  app.delete('/api/me/opt-outs/:kind', { preHandler: auth.requireUser, schema: { tags, params: ZKind, response: { 200: ZOk } } }, async (request) => {
    await rights.optOut(principalOf(request), request.params.kind, false, requestContext(request));
    return ok;
  });

  app.post('/api/me/corrections', { preHandler: auth.requireUser, schema: { tags, body: ZCorrectionRequest, response: { 201: z.object({ id: z.uuid(), dueOn: z.string() }) } } }, async (request, reply) =>
    reply.status(201).send(await rights.requestCorrection(principalOf(request), request.body, requestContext(request))),
  );

  // Public: what the request form offers, from the policy in force.
  app.get('/api/rights/options', { schema: { tags, response: { 200: ZRightsOptions } } }, async () => {
    const active = await deps.policy.current();
    return { kinds: [...REQUEST_KINDS], jurisdictions: active.manifest.rights.jurisdictions.map((j) => ({ id: j.id, name: j.name, rights: j.rights })) };
  });

  app.post('/api/rights/requests', { config: formLimit, schema: { tags, body: ZSubmitRequest, response: { 202: z.object({ id: z.uuid(), dueOn: z.string() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.submitRequest(request.body, requestContext(request))),
  );

  app.post('/api/rights/requests/verify', { config: tokenLimit, schema: { tags, body: z.object({ token: z.string().min(1).max(200) }), response: { 200: z.object({ id: z.uuid(), kind: z.string(), dueOn: z.string() }) } } }, async (request) =>
    rights.verifyRequest(request.body.token, requestContext(request)),
  );

  const ZMember = z.object({ id: z.uuid(), userId: z.uuid() });
  app.post('/api/orgs/:id/members/:userId/export', { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZMember, response: { 202: z.object({ exportId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.exportMember(principalOf(request), request.params.id, request.params.userId, requestContext(request))),
  );
  app.post('/api/orgs/:id/members/:userId/erase', { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZMember, response: { 202: z.object({ erasureId: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await rights.eraseMember(principalOf(request), request.params.id, request.params.userId, requestContext(request))),
  );
  // The admin's own requests about members: exports to download, erasures still under way.
  app.get(
    '/api/orgs/:id/member-rights',
    { preHandler: auth.requireUser, schema: { tags: ['organisations'], params: ZId, response: { 200: z.object({ exports: z.array(ZMemberExport), erasures: z.array(ZMemberErasure) }) } } },
    async (request) => rights.listMemberRights(principalOf(request), request.params.id, requestContext(request)),
  );
}
