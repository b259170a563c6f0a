import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZConnection, ZConnectionSecrets, ZCreateConnection, ZDelivery, ZInboundOrder, ZUpdateConnection } from './integrations.schema.js';
import { EVENT_TYPES } from './integrations.tables.js';
import type { IntegrationsService } from './integrations.use-cases.js';

export type IntegrationsRoutesDeps = { integrations: IntegrationsService; auth: AuthHooks };

const tags = ['integrations'];
const ZId = z.object({ id: z.uuid() });
const ZDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export function registerIntegrationsRoutes(app: HttpServer, deps: IntegrationsRoutesDeps) {
  const { integrations, auth } = deps;

  app.get('/api/integrations/event-types', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ eventTypes: z.array(z.enum(EVENT_TYPES)) }) } } }, async () => ({ eventTypes: [...EVENT_TYPES] }));

  app.get('/api/integrations/connections', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ connections: z.array(ZConnection) }) } } }, async (request) => ({
    connections: await integrations.listConnections(principalOf(request), requestContext(request)),
  }));

  app.post('/api/integrations/connections', { preHandler: auth.requireUser, schema: { tags, body: ZCreateConnection, response: { 201: ZConnectionSecrets } } }, async (request, reply) =>
    reply.status(201).send(await integrations.connect(principalOf(request), request.body, requestContext(request))),
  );

  app.patch('/api/integrations/connections/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZUpdateConnection, response: { 200: ZConnectionSecrets } } }, async (request) =>
    integrations.updateConnection(principalOf(request), request.params.id, request.body, requestContext(request)),
  );

  app.post('/api/integrations/connections/:id/rotate-secret', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZConnectionSecrets } } }, async (request) =>
    integrations.rotateSecret(principalOf(request), request.params.id, requestContext(request)),
  );

  app.delete('/api/integrations/connections/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 204: z.null() } } }, async (request, reply) => {
    await integrations.disconnect(principalOf(request), request.params.id, requestContext(request));
    return reply.status(204).send(null);
  });

  app.get('/api/integrations/connections/:id/deliveries', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ deliveries: z.array(ZDelivery) }) } } }, async (request) => ({
    deliveries: await integrations.listDeliveries(principalOf(request), request.params.id, requestContext(request)),
  }));

  app.post(
    '/api/integrations/connections/:id/deliveries/:deliveryId/replay',
    { preHandler: auth.requireUser, schema: { tags, params: ZDeliveryParams, response: { 202: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(202).send(await integrations.replayDelivery(principalOf(request), request.params.id, request.params.deliveryId, requestContext(request))),
  );

  // A connected system sends records in with its connection's token (Authorization: Bearer …); no session.
  app.post(
    '/api/integrations/inbound/:id/orders',
    { schema: { tags, params: ZId, body: ZInboundOrder, response: { 202: z.object({ id: z.uuid() }) } } },
    async (request, reply) => {
      const header = request.headers.authorization;
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
      return reply.status(202).send(await integrations.receiveOrder(request.params.id, token, request.body, requestContext(request)));
    },
  );
}
