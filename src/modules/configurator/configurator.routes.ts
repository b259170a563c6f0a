import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import {
  ZConfiguration,
  ZNewShare,
  ZOrderConfiguration,
  ZPrice,
  ZPriceRequest,
  ZProduct,
  ZProductInput,
  ZProductStatusChange,
  ZSaveConfiguration,
  ZShare,
  ZShareOpen,
  ZSharedConfiguration,
  ZUpdateConfiguration,
} from './configurator.schema.js';
import type { ConfiguratorService } from './configurator.use-cases.js';

export type ConfiguratorRoutesDeps = { configurator: ConfiguratorService; auth: AuthHooks };

const tags = ['configurator'];
const ZId = z.object({ id: z.uuid() });
const ZModel = z.object({ id: z.uuid(), fileId: z.uuid() });
const ZToken = z.object({ token: z.string().max(100) });
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/** A model's light preview: the product's, not anyone's data, but never cached by shared caches either. */
function sendModel(reply: FastifyReply, glb: Buffer) {
  return reply.header('content-type', 'model/gltf-binary').header('content-length', String(glb.length)).header('cache-control', 'private, no-store').send(glb);
}

export function registerConfiguratorRoutes(app: HttpServer, deps: ConfiguratorRoutesDeps) {
  const { configurator, auth } = deps;
  const staff = auth.requireRole('staff', 'admin');

  app.get('/api/configurator/products', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ products: z.array(ZProduct) }) } } }, async (request) =>
    configurator.listProducts(principalOf(request)),
  );
  app.post('/api/configurator/products', { preHandler: staff, schema: { tags, body: ZProductInput, response: { 201: ZProduct } } }, async (request, reply) =>
    reply.status(201).send(await configurator.defineProduct(principalOf(request), request.body, requestContext(request))),
  );
  app.get('/api/configurator/products/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZProduct } } }, async (request) =>
    configurator.getProduct(principalOf(request), request.params.id),
  );
  app.put('/api/configurator/products/:id', { preHandler: staff, schema: { tags, params: ZId, body: ZProductInput, response: { 200: ZProduct } } }, async (request) =>
    configurator.updateProduct(principalOf(request), request.params.id, request.body, requestContext(request)),
  );
  app.post('/api/configurator/products/:id/status', { preHandler: staff, schema: { tags, params: ZId, body: ZProductStatusChange, response: { 200: ZProduct } } }, async (request) =>
    configurator.setProductStatus(principalOf(request), request.params.id, request.body.status, requestContext(request)),
  );
  app.get('/api/configurator/products/:id/models/:fileId', { preHandler: auth.requireUser, schema: { tags, params: ZModel } }, async (request, reply) =>
    sendModel(reply, await configurator.openProductModel(principalOf(request), request.params.id, request.params.fileId)),
  );
  // The server's price: the authority the browser's own evaluation only previews. 422 with every problem.
  app.post('/api/configurator/products/:id/price', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZPriceRequest, response: { 200: ZPrice } } }, async (request) =>
    configurator.price(principalOf(request), request.params.id, request.body.selections),
  );

  app.get('/api/configurations', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ configurations: z.array(ZConfiguration) }) } } }, async (request) =>
    configurator.list(principalOf(request)),
  );
  app.post('/api/configurations', { preHandler: auth.requireUser, schema: { tags, body: ZSaveConfiguration, response: { 201: ZConfiguration } } }, async (request, reply) =>
    reply.status(201).send(await configurator.save(principalOf(request), request.body, requestContext(request))),
  );
  app.get('/api/configurations/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZConfiguration } } }, async (request) =>
    configurator.get(principalOf(request), request.params.id, requestContext(request)),
  );
  app.put('/api/configurations/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZUpdateConfiguration, response: { 200: ZConfiguration } } }, async (request) =>
    configurator.update(principalOf(request), request.params.id, request.body, requestContext(request)),
  );
  app.delete('/api/configurations/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZOk } } }, async (request) => {
    await configurator.delete(principalOf(request), request.params.id, requestContext(request));
    return ok;
  });
  app.get('/api/configurations/:id/shares', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ shares: z.array(ZShare) }) } } }, async (request) =>
    configurator.listShares(principalOf(request), request.params.id, requestContext(request)),
  );
  app.post('/api/configurations/:id/shares', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 201: ZNewShare } } }, async (request, reply) =>
    reply.status(201).send(await configurator.createShare(principalOf(request), request.params.id, requestContext(request))),
  );
  app.get(
    '/api/configurations/:id/shares/:shareId/opens',
    { preHandler: auth.requireUser, schema: { tags, params: z.object({ id: z.uuid(), shareId: z.uuid() }), response: { 200: z.object({ opens: z.array(ZShareOpen) }) } } },
    async (request) => configurator.listShareOpens(principalOf(request), request.params.id, request.params.shareId, requestContext(request)),
  );
  app.delete('/api/configurations/:id/shares/:shareId', { preHandler: auth.requireUser, schema: { tags, params: z.object({ id: z.uuid(), shareId: z.uuid() }), response: { 200: ZOk } } }, async (request) => {
    await configurator.revokeShare(principalOf(request), request.params.id, request.params.shareId, requestContext(request));
    return ok;
  });

  // A shared link is public: whoever has it sees the configuration, read-only, until it is revoked.
  app.get('/api/shared/configurations/:token', { schema: { tags, params: ZToken, response: { 200: ZSharedConfiguration } } }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    return configurator.openShared(request.params.token, requestContext(request));
  });
  app.get('/api/shared/configurations/:token/models/:fileId', { schema: { tags, params: z.object({ token: z.string().max(100), fileId: z.uuid() }) } }, async (request, reply) =>
    sendModel(reply, await configurator.openSharedModel(request.params.token, request.params.fileId, requestContext(request))),
  );
}

/** Ordering a configuration: registered where the orders feature gates it too. */
export function registerConfiguredOrderRoutes(app: HttpServer, deps: ConfiguratorRoutesDeps) {
  app.post(
    '/api/configurations/:id/order',
    { preHandler: deps.auth.requireUser, schema: { tags, params: ZId, body: ZOrderConfiguration, response: { 201: z.object({ orderId: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await deps.configurator.order(principalOf(request), request.params.id, request.body, requestContext(request))),
  );
}
