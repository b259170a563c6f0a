import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { ZAddressInput, ZCatalogueItem, ZCatalogueItemInput, ZOrderCatalogueItem, ZCheckout, ZInvoice, ZMoveOrder, ZOrder, ZOrderDetail, ZPlaceOrder, ZRefund, ZSavedAddress } from './orders.schema.js';
import type { OrdersService } from './orders.use-cases.js';

export type OrdersRoutesDeps = { orders: OrdersService; auth: AuthHooks };

const tags = ['orders'];
const ZId = z.object({ id: z.uuid() });
const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

export function registerOrdersRoutes(app: HttpServer, deps: OrdersRoutesDeps) {
  const { orders, auth } = deps;

  app.post('/api/quotes/:id/order', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZPlaceOrder, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await orders.place(principalOf(request), request.params.id, request.body, requestContext(request))),
  );

  app.get('/api/catalogue', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ items: z.array(ZCatalogueItem) }) } } }, async (request) =>
    orders.listCatalogue(principalOf(request), requestContext(request)),
  );

  app.post('/api/catalogue', { preHandler: auth.requireRole('staff', 'admin'), schema: { tags, body: ZCatalogueItemInput, response: { 201: ZCatalogueItem } } }, async (request, reply) =>
    reply.status(201).send(await orders.addCatalogueItem(principalOf(request), request.body, requestContext(request))),
  );

  app.put('/api/catalogue/:id/active', { preHandler: auth.requireRole('staff', 'admin'), schema: { tags, params: ZId, body: z.object({ active: z.boolean() }), response: { 200: ZOk } } }, async (request) => {
    await orders.setCatalogueItemActive(principalOf(request), request.params.id, request.body.active, requestContext(request));
    return ok;
  });

  app.post('/api/catalogue/:id/order', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZOrderCatalogueItem, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await orders.orderCatalogueItem(principalOf(request), request.params.id, request.body, requestContext(request))),
  );

  app.get('/api/orders', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ orders: z.array(ZOrder) }) } } }, async (request) =>
    orders.list(principalOf(request), requestContext(request)),
  );

  app.get('/api/orders/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZOrderDetail } } }, async (request) =>
    orders.get(principalOf(request), request.params.id, requestContext(request)),
  );

  app.post('/api/orders/:id/status', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZMoveOrder, response: { 200: ZOk } } }, async (request) => {
    await orders.move(principalOf(request), request.params.id, request.body, requestContext(request));
    return ok;
  });

  app.post(
    '/api/orders/:id/checkout',
    { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZCheckout, response: { 200: z.object({ redirectUrl: z.string().nullable() }) } } },
    async (request) => orders.checkout(principalOf(request), request.params.id, request.body.provider, requestContext(request)),
  );

  app.post('/api/orders/:id/payments/bank-transfer', { preHandler: auth.requireRole('staff', 'admin'), schema: { tags, params: ZId, response: { 200: ZOk } } }, async (request) => {
    await orders.recordBankTransfer(principalOf(request), request.params.id, requestContext(request));
    return ok;
  });

  app.post('/api/orders/:id/refund', { preHandler: auth.requireRole('staff', 'admin'), schema: { tags, params: ZId, body: ZRefund, response: { 200: ZOk } } }, async (request) => {
    await orders.refund(principalOf(request), request.params.id, request.body, requestContext(request));
    return ok;
  });

  app.get('/api/addresses', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ addresses: z.array(ZSavedAddress) }) } } }, async (request) =>
    orders.listAddresses(principalOf(request), requestContext(request)),
  );

  app.post('/api/addresses', { preHandler: auth.requireUser, schema: { tags, body: ZAddressInput, response: { 201: z.object({ id: z.uuid() }) } } }, async (request, reply) =>
    reply.status(201).send(await orders.addAddress(principalOf(request), request.body, requestContext(request))),
  );

  app.delete('/api/addresses/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: ZOk } } }, async (request) => {
    await orders.removeAddress(principalOf(request), request.params.id, requestContext(request));
    return ok;
  });
}

/**
 * The customer's billing history and invoice PDFs: orders' and subscriptions' invoices alike, so the
 * app serves them while either feature is on.
 */
export function registerBillingRoutes(app: HttpServer, deps: OrdersRoutesDeps) {
  const { orders, auth } = deps;
  app.get('/api/billing', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ orders: z.array(ZOrder), invoices: z.array(ZInvoice) }) } } }, async (request) =>
    orders.billingHistory(principalOf(request), requestContext(request)),
  );

  app.get('/api/invoices/:id/pdf', { preHandler: auth.requireUser, schema: { tags, params: ZId } }, async (request, reply) => {
    const pdf = await orders.downloadInvoice(principalOf(request), request.params.id, requestContext(request));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf.body);
  });
}

/**
 * Stripe's notices: no session (Stripe signs them instead), and the raw body, because the signature is
 * over the exact bytes sent. Registered in a scope of its own so only this route reads JSON as text.
 */
export async function registerPaymentWebhookRoutes(app: HttpServer, deps: { orders: OrdersService }) {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.post('/api/payments/stripe/webhook', { config: { rawJsonBody: true }, schema: { tags, response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean(), outcome: z.string() }) } } }, async (request) =>
      deps.orders.receiveStripeEvent({ payload: typeof request.body === 'string' ? request.body : '', signature: request.headers['stripe-signature'] as string | undefined }, requestContext(request)),
    );
  });
}
