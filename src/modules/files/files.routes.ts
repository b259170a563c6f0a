import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { FilesService } from './files.use-cases.js';
import { ZDeleteFile, ZFile } from './files.schema.js';
import { registerTusRoutes } from './tus.routes.js';
import { attachmentDisposition } from './tus-headers.js';

export type FilesRoutesDeps = { files: FilesService; auth: AuthHooks };

const tags = ['files'];
const ZId = z.object({ id: z.uuid() });

export async function registerFilesRoutes(app: HttpServer, deps: FilesRoutesDeps) {
  const { files, auth } = deps;
  await registerTusRoutes(app, deps);

  app.get('/api/projects/:id/files', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ files: z.array(ZFile) }) } } }, async (request) => ({
    files: await files.list(principalOf(request), request.params.id, requestContext(request)),
  }));

  app.get('/api/files/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ file: ZFile }) } } }, async (request) => ({
    file: await files.get(principalOf(request), request.params.id, requestContext(request)),
  }));

  app.get('/api/files/:id/download', { preHandler: auth.requireUser, schema: { tags, params: ZId } }, async (request, reply) => {
    const download = await files.openDownload(principalOf(request), request.params.id, requestContext(request));
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(download.size))
      .header('content-disposition', attachmentDisposition(download.name))
      .header('repr-digest', `sha-256=:${Buffer.from(download.sha256, 'hex').toString('base64')}:`)
      .header('cache-control', 'private, no-store')
      .send(download.body);
  });

  // The light preview (GLB) the project page draws instead of the whole model; personal data, so never cached.
  app.get('/api/files/:id/preview', { preHandler: auth.requireUser, schema: { tags, params: ZId } }, async (request, reply) => {
    const glb = await files.openPreview(principalOf(request), request.params.id, requestContext(request));
    return reply.header('content-type', 'model/gltf-binary').header('content-length', String(glb.length)).header('cache-control', 'private, no-store').send(glb);
  });

  app.delete(
    '/api/files/:id',
    { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZDeleteFile.nullish(), response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await files.delete(principalOf(request), request.params.id, { reason: request.body?.reason }, requestContext(request));
      return { ok: true as const };
    },
  );
}
