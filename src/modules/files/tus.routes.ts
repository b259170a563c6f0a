import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/index.js';
import { sendProblem, type HttpServer, principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { FilesService } from './files.use-cases.js';
import { cleanFileName, OFFSET_OCTET_STREAM, parseUploadMetadata, readIntegerHeader, requireIntegerHeader, TUS_EXTENSIONS, TUS_VERSION } from './tus-headers.js';

const tags = ['files'];
const ZProjectId = z.object({ id: z.uuid() });
const ZUploadId = z.object({ id: z.uuid() });

/**
 * Resumable uploads: tus 1.0.0 core + creation + termination, straight over the vault's upload engine
 * (no plaintext ever reaches the disk). In its own encapsulated scope, so the pass-through body parser
 * and the Tus-Resumable rules apply to these routes only.
 *
 *   POST   /api/projects/:id/uploads   Upload-Length, Upload-Metadata (filename) → 201 Location
 *   HEAD   /api/uploads/:id            → Upload-Offset, Upload-Length
 *   PATCH  /api/uploads/:id            Content-Type: application/offset+octet-stream, Upload-Offset → 204 Upload-Offset
 *   DELETE /api/uploads/:id            → 204
 *
 * The offset acknowledged after a PATCH is always on a 64 KiB boundary (the vault stores whole encrypted
 * chunks only); a client resumes from it, as tus allows.
 */
export async function registerTusRoutes(app: HttpServer, deps: { files: FilesService; auth: AuthHooks }) {
  const { files, auth } = deps;
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The body stays a stream: the handler pipes it into the encryptor, never into memory.
    scope.addContentTypeParser(OFFSET_OCTET_STREAM, (_request, payload, done) => done(null, payload));
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('tus-resumable', TUS_VERSION);
      if (request.method === 'OPTIONS') return;
      if (request.headers['tus-resumable'] !== TUS_VERSION) {
        reply.header('tus-version', TUS_VERSION);
        return sendProblem(reply, 412, 'precondition_failed', `This endpoint speaks tus ${TUS_VERSION}: send the header "Tus-Resumable: ${TUS_VERSION}".`);
      }
    });

    scope.options('/api/projects/:id/uploads', { schema: { tags, params: ZProjectId } }, async (_request, reply) =>
      reply.status(204).header('tus-version', TUS_VERSION).header('tus-extension', TUS_EXTENSIONS).header('tus-max-size', String(files.limits.maxBytes)).send(),
    );

    scope.post('/api/projects/:id/uploads', { preHandler: auth.requireUser, schema: { tags, params: ZProjectId } }, async (request, reply) => {
      if (request.headers['upload-defer-length'] !== undefined) {
        throw new AppError('bad_request', 'Uploads of unknown length are not supported: send Upload-Length.');
      }
      const length = requireIntegerHeader(request.headers['upload-length'], 'Upload-Length');
      if (length === 0) throw new AppError('bad_request', 'The file is empty.');
      const metadata = parseUploadMetadata(request.headers['upload-metadata']);
      const filename = cleanFileName(metadata.filename ?? metadata.name ?? '');
      const { id } = await files.beginUpload(principalOf(request), request.params.id, { filename, length }, requestContext(request));
      return reply.status(201).header('location', `/api/uploads/${id}`).send();
    });

    scope.head('/api/uploads/:id', { preHandler: auth.requireUser, schema: { tags, params: ZUploadId } }, async (request, reply) => {
      const { offset, length } = await files.uploadOffset(principalOf(request), request.params.id, requestContext(request));
      return reply.status(200).header('upload-offset', String(offset)).header('upload-length', String(length)).header('cache-control', 'no-store').send();
    });

    scope.patch(
      '/api/uploads/:id',
      // The body is streamed, so Fastify's body limit does not apply; the upload's declared length does.
      { bodyLimit: files.limits.maxBytes, preHandler: auth.requireUser, schema: { tags, params: ZUploadId } },
      async (request, reply) => {
        try {
          if (request.headers['content-type'] !== OFFSET_OCTET_STREAM) {
            throw new AppError('unsupported_media_type', `A tus PATCH sends its bytes as ${OFFSET_OCTET_STREAM}.`);
          }
          const offset = requireIntegerHeader(request.headers['upload-offset'], 'Upload-Offset');
          const contentLength = readIntegerHeader(request.headers['content-length'], 'Content-Length');
          if (contentLength === undefined) throw new AppError('bad_request', 'A PATCH must say how many bytes it sends (Content-Length).');
          const raw = request.raw;
          const result = await files.appendUpload(
            principalOf(request),
            request.params.id,
            { offset, contentLength, body: request.body as Readable, aborted: () => raw.readableAborted || raw.destroyed },
            requestContext(request),
          );
          return await reply.status(204).header('upload-offset', String(result.offset)).send();
        } catch (error) {
          // The client may still be sending a large body we will not read: end the connection with the answer.
          reply.header('connection', 'close');
          throw error;
        }
      },
    );

    scope.delete('/api/uploads/:id', { preHandler: auth.requireUser, schema: { tags, params: ZUploadId } }, async (request, reply) => {
      await files.terminateUpload(principalOf(request), request.params.id, requestContext(request));
      return reply.status(204).send();
    });
  });
}
