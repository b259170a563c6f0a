import type { FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its JSON body as the exact text sent (a signed webhook), and checks it itself. */
    rawJsonBody?: boolean;
  }
}

/**
 * A body field the route does not know is refused (400 naming it) rather than dropped: a misspelt
 * field would otherwise be ignored and the request carried out without it, and a hostile client
 * probing for hidden fields learns nothing. Wraps the route validator compiler: a body schema that
 * is a plain object becomes strict at its top level.
 */
export function refusingUnknownFields<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    if (route.httpPart !== 'body' || !(route.schema instanceof z.ZodObject)) return compile(route);
    return compile({ ...route, schema: route.schema.strict() as S });
  };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A route that declares no body (an action: accept, cancel, revoke) refuses a JSON body with
 * anything in it, so a client that meant to send something learns it went nowhere. `{}` and no body
 * at all are fine. Bodies a route parses itself (a form's text, an upload's bytes, a signed webhook's
 * JSON marked `rawJsonBody`) pass.
 */
export async function refuseBodyWhereNoneIsTaken(request: FastifyRequest, _reply: FastifyReply) {
  if (!BODY_METHODS.has(request.method) || request.routeOptions.schema?.body !== undefined) return;
  // Only JSON is judged: a form's text or an upload's stream is the route's own business.
  if (!String(request.headers['content-type'] ?? '').includes('json') || request.routeOptions.config?.rawJsonBody === true) return;
  const body: unknown = request.body;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new AppError('bad_request', 'This request takes no body; send none (or {}).', { reason: 'unexpected_body' });
}
