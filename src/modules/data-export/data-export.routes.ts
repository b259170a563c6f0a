import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exportPagePath } from './data-exports.js';
import { ZDataExport, ZDataExportLink } from './data-export.schema.js';
import type { DataExportService } from './data-export.use-cases.js';

const tags = ['privacy rights'];
const ZId = z.object({ id: z.uuid() });
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const ZToken = z.object({ token: z.string().min(1).max(300) });

/**
 * Links mailed before the web page existed point at the download itself: a signed-out browser that
 * opens one is sent to the page (which asks to sign in first); API callers still get the 401 problem.
 */
async function openPageWhenSignedOut(request: FastifyRequest<{ Params: { id: string }; Querystring: { token: string } }>, reply: FastifyReply) {
  if (request.principal || !request.headers.accept?.includes('text/html')) return;
  return reply.redirect(exportPagePath(request.params.id, request.query.token), 303);
}

/**
 * The person's exports (access, portability) and their single-use download links. A right that does
 * not wait for the privacy policy to be accepted: someone whose account was made for them may want a
 * copy of what is held before (or instead of) accepting.
 */
export function registerDataExportRoutes(app: HttpServer, deps: { exports: DataExportService; auth: AuthHooks }) {
  const { exports, auth } = deps;

  app.post('/api/me/exports', { preHandler: auth.requireUserBeforePolicyAccepted, config: tokenLimit, schema: { tags, response: { 202: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await exports.requestExport(principalOf(request), requestContext(request))),
  );

  app.get('/api/me/exports', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags, response: { 200: z.object({ exports: z.array(ZDataExport) }) } } }, async (request) => ({
    exports: await exports.listExports(principalOf(request)),
  }));

  app.post('/api/exports/:id/link', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags, params: ZId, response: { 200: z.object({ url: z.string(), expiresAt: z.date() }) } } }, async (request) =>
    exports.issueDownloadLink(principalOf(request), request.params.id, requestContext(request)),
  );

  // The page a mailed link opens asks this first: the same checks as the download, consuming nothing.
  app.get('/api/exports/:id', { preHandler: auth.requireUserBeforePolicyAccepted, config: tokenLimit, schema: { tags, params: ZId, querystring: ZToken, response: { 200: ZDataExportLink } } }, async (request) =>
    exports.describeLink(principalOf(request), request.params.id, request.query.token),
  );

  app.get(
    '/api/exports/:id/download',
    { preHandler: [openPageWhenSignedOut, auth.requireUserBeforePolicyAccepted], config: tokenLimit, schema: { tags, params: ZId, querystring: ZToken } },
    async (request, reply) => {
      const download = await exports.openDownload(principalOf(request), request.params.id, request.query.token, requestContext(request));
      return reply
        .type('application/zip')
        .header('content-length', String(download.size))
        .header('content-disposition', `attachment; filename="${download.name}"`)
        .header('cache-control', 'private, no-store')
        .send(download.body);
    },
  );
}
