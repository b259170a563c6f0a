import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type ErrorCode } from '../errors/index.js';
import { problemTitle, problemTypeUri } from './problem-types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The installation's public URL: problem `type`s are addresses under it (see problem-types.ts). */
    publicUrl: string;
  }
}

/**
 * A session is a cookie, and no registered HTTP authentication scheme describes that. RFC 9110 still
 * wants a challenge on every 401, and a `Basic` one would make browsers pop up a password dialog that
 * can never succeed; a scheme of our own name tells clients what to do (sign in, get the cookie).
 */
export const WWW_AUTHENTICATE = 'Cookie realm="Meshvault"';

/** The only place that knows which HTTP status an error code means. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  feature_off: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  checksum_mismatch: 460,
  rate_limited: 429,
  unavailable: 503,
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  const publicUrl = (reply.server as { publicUrl?: string } | undefined)?.publicUrl ?? '';
  const problem: Problem = {
    type: problemTypeUri(publicUrl, code),
    title: problemTitle(code, status),
    status,
    detail,
    code,
    instance: reply.request.url.split('?')[0],
    requestId: reply.request.id,
    ...extra,
  };
  if (status === 401) reply.header('www-authenticate', WWW_AUTHENTICATE);
  // A problem may name the person's own data, and it is never the lasting answer at its address.
  return reply.status(status).type('application/problem+json').header('cache-control', 'no-store').send(problem);
}

type ValidationIssue = { instancePath: string; message?: string };
type FastifyLikeError = Error & { statusCode?: number; code?: string; validation?: unknown; validationContext?: string };

/** A request part refused by its route's schema (zod) or by the NUL-byte rule (nul-bytes.ts). */
function isValidationError(error: FastifyLikeError): error is FastifyLikeError & { validation: ValidationIssue[]; validationContext: string } {
  return error.code === 'FST_ERR_VALIDATION' && Array.isArray(error.validation) && typeof error.validationContext === 'string';
}

/** Fastify's error handler: RFC 9457 problem details, never a stack trace. */
export function handleError(error: FastifyLikeError, request: FastifyRequest, reply: FastifyReply) {
  if (isAppError(error)) {
    return sendProblem(reply, STATUS_BY_CODE[error.code], error.code, error.message, error.details);
  }
  if (isValidationError(error)) {
    const errors = error.validation.map((v) => ({
      path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return sendProblem(reply, 400, 'bad_request', detail, { errors });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Errors raised by Fastify itself or its plugins (bad JSON, body too large, rate limit).
    const code = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return sendProblem(reply, status, code, error.message);
  }
  if (lostDatabase(error)) {
    // Nothing was committed (the transaction died with its connection); the pool opens a new one for the next request.
    request.log.error({ err: error }, 'database connection lost during the request');
    reply.header('retry-after', '1');
    return sendProblem(reply, 503, 'unavailable', 'The connection to the database was lost while answering; nothing was saved. Please try again.');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 500, 'internal', 'Something went wrong on our side. The error has been logged; please try again.');
}

/**
 * The database went away under the request: its connection was terminated (SQLSTATE 57P01–57P03:
 * an operator's pg_terminate_backend, a server shutting down or restarting), the connection broke
 * (class 08), or pg found its connection closed. Other database errors stay 500s.
 */
function lostDatabase(error: FastifyLikeError): boolean {
  const code = error.code ?? '';
  if (/^57P0[123]$/.test(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  return /^(Connection terminated|Client has encountered a connection error)/.test(error.message ?? '');
}
