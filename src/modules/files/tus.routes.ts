import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors/index.js';
import { sendProblem, type HttpServer, principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { AppendInput } from './uploads.js';
import type { FilesService } from './files.use-cases.js';
import {
  cleanFileName,
  httpDate,
  OFFSET_OCTET_STREAM,
  parseUploadChecksum,
  parseUploadMetadata,
  readIntegerHeader,
  requireIntegerHeader,
  TUS_CHECKSUM_ALGORITHMS,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from './tus-headers.js';

const tags = ['files'];
const ZProjectId = z.object({ id: z.uuid() });
const ZUploadId = z.object({ id: z.uuid() });

/**
 * Resumable uploads: tus 1.0.0 core + creation, creation-with-upload, termination, checksum and
 * expiration, straight over the vault's upload engine (no plaintext ever reaches the disk). In its own
 * encapsulated scope, so the pass-through body parser and the Tus-Resumable rules apply to these routes only.
 *
 *   POST   /api/projects/:id/uploads   Upload-Length, Upload-Metadata (filename) [+ body] → 201 Location [Upload-Offset]
 *   HEAD   /api/uploads/:id            → Upload-Offset, Upload-Length, Upload-Expires
 *   PATCH  /api/uploads/:id            Content-Type: application/offset+octet-stream, Upload-Offset [, Upload-Checksum] → 204 Upload-Offset
 *   DELETE /api/uploads/:id            → 204
 *
 * Every byte that arrives is kept, also from a request that breaks off (see vault-upload.ts), so the
 * offset answered is exactly the bytes received and a client never sends a stored byte twice.
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
      reply
        .status(204)
        .header('tus-version', TUS_VERSION)
        .header('tus-extension', TUS_EXTENSIONS)
        .header('tus-checksum-algorithm', TUS_CHECKSUM_ALGORITHMS)
        .header('tus-max-size', String(files.limits.maxBytes))
        .send(),
    );

    scope.post(
      '/api/projects/:id/uploads',
      // With creation-with-upload the body is streamed like a PATCH's: the upload's declared length bounds it.
      { bodyLimit: files.limits.maxBytes, preHandler: auth.requireUser, schema: { tags, params: ZProjectId } },
      async (request, reply) =>
        closingOnError(reply, async () => {
          if (request.headers['upload-defer-length'] !== undefined) {
            throw new AppError('bad_request', 'Uploads of unknown length are not supported: send Upload-Length.');
          }
          const length = requireIntegerHeader(request.headers['upload-length'], 'Upload-Length');
          if (length === 0) throw new AppError('bad_request', 'The file is empty.');
          const metadata = parseUploadMetadata(request.headers['upload-metadata']);
          const filename = cleanFileName(metadata.filename ?? metadata.name ?? '');
          const withBody = hasUploadBody(request);
          const input = withBody ? appendInput(request, 0) : undefined; // header errors before anything is created
          if (input?.contentLength !== undefined && input.contentLength > length) {
            throw new AppError('bad_request', `The body (${input.contentLength} bytes) is longer than the ${length} bytes the upload declares.`);
          }
          const created = await files.beginUpload(principalOf(request), request.params.id, { filename, length }, requestContext(request));
          reply.status(201).header('location', `/api/uploads/${created.id}`);
          if (!input) return reply.header('upload-expires', httpDate(created.expiresAt)).send();
          // creation-with-upload: whatever happens to the body, the upload exists and is resumable from what was kept.
          let answer: { offset: number; expiresAt: Date | null };
          try {
            answer = await files.appendUpload(principalOf(request), created.id, input, requestContext(request));
          } catch (error) {
            // A damaged piece is refused as a PATCH's would be (460), still with the upload's Location:
            // the client learns that nothing of it was kept, and where to resume.
            if (isAppError(error) && error.code === 'checksum_mismatch') throw error;
            request.log.info({ code: isAppError(error) ? error.code : 'stream_error' }, 'the body sent with an upload creation was not (all) kept');
            reply.header('connection', 'close');
            answer = await files.uploadOffset(principalOf(request), created.id, requestContext(request));
          }
          return sendOffset(reply, answer).send();
        }),
    );

    scope.head('/api/uploads/:id', { preHandler: auth.requireUser, schema: { tags, params: ZUploadId } }, async (request, reply) => {
      const answer = await files.uploadOffset(principalOf(request), request.params.id, requestContext(request));
      return sendOffset(reply.status(200), answer).header('upload-length', String(answer.length)).header('cache-control', 'no-store').send();
    });

    scope.patch(
      '/api/uploads/:id',
      // The body is streamed, so Fastify's body limit does not apply; the upload's declared length does.
      { bodyLimit: files.limits.maxBytes, preHandler: auth.requireUser, schema: { tags, params: ZUploadId } },
      async (request, reply) =>
        closingOnError(reply, async () => {
          if (request.headers['content-type'] !== OFFSET_OCTET_STREAM) {
            throw new AppError('unsupported_media_type', `A tus PATCH sends its bytes as ${OFFSET_OCTET_STREAM}.`);
          }
          const offset = requireIntegerHeader(request.headers['upload-offset'], 'Upload-Offset');
          const input = appendInput(request, offset);
          if (input.contentLength === undefined) throw new AppError('bad_request', 'A PATCH must say how many bytes it sends (Content-Length).');
          const answer = await files.appendUpload(principalOf(request), request.params.id, input, requestContext(request));
          return sendOffset(reply.status(204), answer).send();
        }),
    );

    scope.delete('/api/uploads/:id', { preHandler: auth.requireUser, schema: { tags, params: ZUploadId } }, async (request, reply) => {
      await files.terminateUpload(principalOf(request), request.params.id, requestContext(request));
      return reply.status(204).send();
    });
  });
}

function hasUploadBody(request: FastifyRequest): boolean {
  return request.headers['content-type'] === OFFSET_OCTET_STREAM;
}

/** The piece a request carries: its headers read (and refused when malformed) before a byte is. */
function appendInput(request: FastifyRequest, offset: number): AppendInput {
  const contentLength = readIntegerHeader(request.headers['content-length'], 'Content-Length');
  const checksum = parseUploadChecksum(request.headers['upload-checksum']);
  const raw = request.raw;
  return {
    offset,
    contentLength,
    body: request.body as Readable,
    aborted: () => raw.readableAborted || raw.destroyed,
    ...(checksum ? { checksum } : {}),
  };
}

function sendOffset(reply: FastifyReply, answer: { offset: number; expiresAt: Date | null }): FastifyReply {
  reply.header('upload-offset', String(answer.offset));
  if (answer.expiresAt) reply.header('upload-expires', httpDate(answer.expiresAt));
  return reply;
}

/** The client may still be sending a large body we will not read: an error answer ends the connection. */
async function closingOnError<T>(reply: FastifyReply, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (error) {
    reply.header('connection', 'close');
    throw error;
  }
}
