import type { FastifyRequest } from 'fastify';
import type { AuthHooks, HttpServer } from '../../platform/http/index.js';
import { allowPreflight, principalOf, requestContext } from '../../platform/http/index.js';
import { CONSENT_COOKIE } from '../consent/index.js';
import { ZEmbedIngest, ZIngest, ZIngested, ZSummary, ZSummaryQuery } from './analytics.schema.js';
import type { AnalyticsService } from './analytics.use-cases.js';

const tags = ['analytics'];
const EMBED_EVENTS_PATH = '/api/analytics/embed/events';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The ingest endpoint (the web app's client and the operator's website post here; no sign-in, since
 * visitors count too) and the staff dashboard's numbers.
 */
export function registerAnalyticsRoutes(app: HttpServer, deps: { analytics: AnalyticsService; auth: AuthHooks }) {
  const { analytics, auth } = deps;
  app.post('/api/analytics/events', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { tags, body: ZIngest, response: { 202: ZIngested } } }, async (request, reply) => {
    const ctx = requestContext(request);
    const result = await analytics.recordEvents({ principal: request.principal, visitorId: visitorIdOf(request), userAgent: ctx.userAgent, ip: ctx.ip }, request.body, ctx);
    return reply.status(202).send(result);
  });
  // The operator's own website (another origin, in MESHVAULT_EMBED_ORIGINS): no cookie, no session;
  // the visitor is the id the embedded consent banner keeps, and counts only with that visitor's consent.
  allowPreflight(app, EMBED_EVENTS_PATH);
  app.post(EMBED_EVENTS_PATH, { config: { embeddable: true, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { tags, body: ZEmbedIngest, response: { 202: ZIngested } } }, async (request, reply) => {
    const ctx = requestContext(request);
    const { visitorId, ...batch } = request.body;
    const result = await analytics.recordEvents({ principal: null, visitorId: visitorId ?? null, userAgent: ctx.userAgent, ip: ctx.ip }, batch, ctx);
    return reply.status(202).send(result);
  });
  app.get(
    '/api/analytics/summary',
    { preHandler: auth.requireRole('staff', 'privacy_officer', 'admin'), schema: { tags, querystring: ZSummaryQuery, response: { 200: ZSummary } } },
    async (request) => analytics.analyticsSummary(principalOf(request), request.query.days),
  );
}

function visitorIdOf(request: FastifyRequest): string | null {
  const value = request.cookies[CONSENT_COOKIE];
  return value && UUID.test(value) ? value : null;
}
