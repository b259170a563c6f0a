import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../log/index.js';
import { sendProblem } from './problem.js';
import { problemTitle, problemTypeUri } from './problem-types.js';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a URL that does not
 * decode, a path parameter over `maxParamLength`) answers problem+json like everything else, instead of
 * Fastify's own JSON shape.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    void sendProblem(reply, 400, 'bad_request', 'The address is not a valid URL: a "%" must be followed by two hexadecimal digits.');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(reply, 414, 'uri_too_long', 'A part of the address is longer than any identifier this API uses.');
  } else {
    reply.log.error({ err: error }, 'framework error');
    void sendProblem(reply, 500, 'internal', 'Something went wrong on our side. The error has been logged; please try again.');
  }
}

/**
 * Node's `clientError`: the request could not even be parsed (headers over the size limit, malformed
 * HTTP), so there is no Fastify request or reply. The answer is written on the socket by hand, still as
 * a problem, and the connection is closed, since nothing more can be read from it reliably.
 */
export function clientErrorHandler(opts: { publicUrl: string; log: Logger }) {
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    // The peer is gone: there is nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request_header_fields_too_large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout']
          : [400, 'bad_request'];
    opts.log.debug({ code: error.code }, 'client error');
    if (!socket.writable) return void socket.destroy();
    const detail =
      status === 431
        ? 'The request headers are larger than this server accepts. Clearing this site\'s cookies usually helps.'
        : status === 408
          ? 'The request took too long to arrive.'
          : 'The request is not valid HTTP.';
    const body = JSON.stringify({ type: problemTypeUri(opts.publicUrl, code), title: problemTitle(code, status), status, detail, code });
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
    ].join('\r\n');
    socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
  };
}
