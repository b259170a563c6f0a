import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError, type ErrorCode } from '../errors/index.js';

/** The only place that knows which HTTP status an error code means. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
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
  const problem: Problem = {
    type: `about:blank#${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: reply.request.url.split('?')[0],
    requestId: reply.request.id,
    ...extra,
  };
  return reply.status(status).type('application/problem+json').send(problem);
}

type FastifyLikeError = Error & { statusCode?: number; code?: string; validation?: unknown };

/** Fastify's error handler: RFC 9457 problem details, never a stack trace. */
export function handleError(error: FastifyLikeError, request: FastifyRequest, reply: FastifyReply) {
  if (isAppError(error)) {
    return sendProblem(reply, STATUS_BY_CODE[error.code], error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
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
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 500, 'internal', 'Something went wrong on our side. The error has been logged; please try again.');
}
