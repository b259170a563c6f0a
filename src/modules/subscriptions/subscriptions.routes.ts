import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZCreatePlan, ZPayDue, ZPlan, ZSubscribe, ZSubscription, ZSubscriptionList } from './subscriptions.schema.js';
import type { SubscriptionsService } from './subscriptions.use-cases.js';

export type SubscriptionsRoutesDeps = { subscriptions: SubscriptionsService; auth: AuthHooks };

const tags = ['subscriptions'];
const ZId = z.object({ id: z.uuid() });
const ZRedirect = z.object({ redirectUrl: z.string().nullable() });

export function registerSubscriptionsRoutes(app: HttpServer, deps: SubscriptionsRoutesDeps) {
  const { subscriptions, auth } = deps;

  app.get('/api/subscription-plans', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ plans: z.array(ZPlan) }) } } }, async (request) => subscriptions.listPlans(principalOf(request)));

  app.post('/api/subscription-plans', { preHandler: auth.requireRole('admin'), schema: { tags, body: ZCreatePlan, response: { 201: ZPlan } } }, async (request, reply) =>
    reply.status(201).send(await subscriptions.createPlan(principalOf(request), request.body, requestContext(request))),
  );

  app.get('/api/subscriptions', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZSubscriptionList } } }, async (request) => subscriptions.mine(principalOf(request), requestContext(request)));

  app.get('/api/subscriptions/all', { preHandler: auth.requireRole('admin'), schema: { tags, response: { 200: ZSubscriptionList } } }, async (request) => subscriptions.all(principalOf(request), requestContext(request)));

  app.post('/api/subscriptions', { preHandler: auth.requireRole('customer'), schema: { tags, body: ZSubscribe, response: { 201: z.object({ id: z.uuid(), redirectUrl: z.string().nullable() }) } } }, async (request, reply) =>
    reply.status(201).send(await subscriptions.subscribe(principalOf(request), request.body, requestContext(request))),
  );

  app.get('/api/subscriptions/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZSubscription } } }, async (request) =>
    subscriptions.get(principalOf(request), request.params.id, requestContext(request)),
  );

  app.post('/api/subscriptions/:id/pay', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZPayDue, response: { 200: ZRedirect } } }, async (request) =>
    subscriptions.payDue(principalOf(request), request.params.id, request.body.provider, requestContext(request)),
  );

  app.post('/api/subscriptions/:id/cancel', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ endsAt: z.date() }) } } }, async (request) =>
    subscriptions.cancel(principalOf(request), request.params.id, requestContext(request)),
  );

  app.post('/api/subscriptions/:id/resume', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    await subscriptions.resume(principalOf(request), request.params.id, requestContext(request));
    return { ok: true as const };
  });

  app.post('/api/subscriptions/:id/payments/bank-transfer', { preHandler: auth.requireRole('admin'), schema: { tags, params: ZId, response: { 200: z.object({ invoiceId: z.uuid(), invoiceNumber: z.string() }) } } }, async (request) =>
    subscriptions.recordTransfer(principalOf(request), request.params.id, requestContext(request)),
  );
}
