import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZDataExport } from './data-export.schema.js';
import type { DataExportService } from './data-export.use-cases.js';

const tags = ['privacy rights'];
const ZId = z.object({ id: z.uuid() });
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The person's exports (access, portability) and their single-use download links. */
export function registerDataExportRoutes(app: HttpServer, deps: { exports: DataExportService; auth: AuthHooks }) {
  const { exports, auth } = deps;

  app.post('/api/me/exports', { preHandler: auth.requireUser, config: tokenLimit, schema: { tags, response: { 202: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(202).send(await exports.requestExport(principalOf(request), requestContext(request))),
  );

  app.get('/api/me/exports', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ exports: z.array(ZDataExport) }) } } }, async (request) => ({
    exports: await exports.listExports(principalOf(request)),
  }));

  app.post('/api/exports/:id/link', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ url: z.string(), expiresAt: z.date() }) } } }, async (request) =>
    exports.issueDownloadLink(principalOf(request), request.params.id, requestContext(request)),
  );

  app.get(
    '/api/exports/:id/download',
    { preHandler: auth.requireUser, config: tokenLimit, schema: { tags, params: ZId, querystring: z.object({ token: z.string().min(1).max(300) }) } },
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
