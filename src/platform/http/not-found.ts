import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { sendProblem } from './problem.js';

/** The one thing of the server this needs: its router. */
type RouteFinder = { findRoute(opts: { method: HTTPMethods; url: string }): { params: unknown; searchParams?: unknown } | null };

/** Fastify's `maxParamLength`: no identifier in a route of ours is longer. */
const MAX_SEGMENT = 100;

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods some route accepts at `path`. The web app's catch-all (`GET /*`, which answers every
 * client-side route with index.html) does not count: it would make every address look like it had a GET.
 */
export function allowedMethods(app: RouteFinder, path: string): HTTPMethods[] {
  return METHODS.filter((method) => {
    const route = app.findRoute({ method, url: path });
    // The router answers a path it refuses (undecodable, over-long parameter) with a stand-in route
    // that has no search params: that is no route at all.
    if (!route || route.searchParams === undefined) return false;
    const wildcard = (route.params as Record<string, string | undefined>)['*'];
    return wildcard === undefined || (wildcard !== path.slice(1) && wildcard !== decodeURIComponent(path.slice(1)));
  });
}

/**
 * No route answered. When the address exists for other methods the answer is 405 with `Allow` (RFC 9110
 * §15.5.6), so a client learns it used the wrong method rather than a wrong address.
 */
export function notFoundHandler(app: RouteFinder) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    // Fastify answers an over-long parameter itself (frameworkErrors) only when no other route
    // matches; the web app's catch-all does, and hands API paths here.
    if (path.split('/').some((segment) => segment.length > MAX_SEGMENT)) {
      return sendProblem(reply, 414, 'uri_too_long', 'A part of the address is longer than any identifier this API uses.');
    }
    const allowed = safeAllowedMethods(app, path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, 405, 'method_not_allowed', `${request.method} is not allowed on ${path}; this address accepts ${allowed.join(', ')}.`);
    }
    return sendProblem(reply, 404, 'not_found', `No route for ${request.method} ${path}.`);
  };
}

function safeAllowedMethods(app: RouteFinder, path: string): HTTPMethods[] {
  try {
    return allowedMethods(app, path);
  } catch {
    // A path that does not decode has no route under any method.
    return [];
  }
}
