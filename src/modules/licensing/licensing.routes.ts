import { z } from 'zod';
import type { AuthHooks, HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext } from '../../platform/http/index.js';
import { ZCreatePolicy, ZCreateProduct, ZExtendLicence, ZIssueLicence, ZMyLicence, ZPolicySummary, ZPublishRelease, ZStaffLicence } from './licensing.schema.js';
import type { LicensingService } from './licensing.use-cases.js';
import { ZAssignSeat, ZOrgLicence } from './seats.schema.js';

export type LicensingRoutesDeps = { licensing: LicensingService; auth: AuthHooks };

const tags = ['licensing'];
const ZId = z.object({ id: z.uuid() });
const ZOrgLicenceParams = z.object({ id: z.uuid(), licenceId: z.uuid() });
const ZSeatParams = ZOrgLicenceParams.extend({ userId: z.uuid() });
const ZOk = z.object({ ok: z.literal(true) });
const ZCreated = z.object({ id: z.uuid() });
const ZPage = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

/** The web side: customers see their licences and free devices; admins run products, licences and releases. */
export function registerLicensingRoutes(app: HttpServer, deps: LicensingRoutesDeps) {
  const { licensing, auth } = deps;
  const admin = auth.requireRole('admin');

  app.get('/api/licensing/my-licences', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ licences: z.array(ZMyLicence) }) } } }, async (request) => ({
    licences: await licensing.listMyLicences(principalOf(request)),
  }));

  app.delete('/api/licensing/my-machines/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    await licensing.deactivateMyMachine(principalOf(request), request.params.id, requestContext(request));
    return { ok: true as const };
  });

  // Seats of an organisation's licences (Keygen's licence users), run by the organisation's admins.
  app.get('/api/orgs/:id/licences', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ licences: z.array(ZOrgLicence) }) } } }, async (request) => ({
    licences: await licensing.listOrgLicences(principalOf(request), request.params.id, requestContext(request)),
  }));
  app.post('/api/orgs/:id/licences/:licenceId/users', { preHandler: auth.requireUser, schema: { tags, params: ZOrgLicenceParams, body: ZAssignSeat, response: { 200: ZOk } } }, async (request) => {
    await licensing.assignSeat(principalOf(request), request.params.id, request.params.licenceId, request.body.userId, requestContext(request));
    return { ok: true as const };
  });
  app.delete('/api/orgs/:id/licences/:licenceId/users/:userId', { preHandler: auth.requireUser, schema: { tags, params: ZSeatParams, response: { 200: ZOk } } }, async (request) => {
    await licensing.unassignSeat(principalOf(request), request.params.id, request.params.licenceId, request.params.userId, requestContext(request));
    return { ok: true as const };
  });

  app.get('/api/licensing/products', { preHandler: admin, schema: { tags, response: { 200: z.object({ products: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })) }) } } }, async () => ({
    products: await licensing.listProducts(),
  }));
  app.post('/api/licensing/products', { preHandler: admin, schema: { tags, body: ZCreateProduct, response: { 201: ZCreated } } }, async (request, reply) =>
    reply.status(201).send(await licensing.createProduct(principalOf(request), request.body, requestContext(request))),
  );
  app.get('/api/licensing/policies', { preHandler: admin, schema: { tags, response: { 200: z.object({ policies: z.array(ZPolicySummary) }) } } }, async () => ({
    policies: await licensing.listPolicies(),
  }));
  app.post('/api/licensing/policies', { preHandler: admin, schema: { tags, body: ZCreatePolicy, response: { 201: ZCreated } } }, async (request, reply) =>
    reply.status(201).send(await licensing.createPolicy(principalOf(request), request.body, requestContext(request))),
  );
  app.post('/api/licensing/releases', { preHandler: admin, schema: { tags, body: ZPublishRelease, response: { 201: ZCreated } } }, async (request, reply) =>
    reply.status(201).send(await licensing.publishRelease(principalOf(request), request.body, requestContext(request))),
  );

  app.get('/api/licensing/licences', { preHandler: admin, schema: { tags, querystring: ZPage, response: { 200: z.object({ licences: z.array(ZStaffLicence) }) } } }, async (request) => ({
    licences: await licensing.listLicences(principalOf(request), request.query, requestContext(request)),
  }));
  app.post('/api/licensing/licences', { preHandler: admin, schema: { tags, body: ZIssueLicence, response: { 201: ZStaffLicence } } }, async (request, reply) =>
    reply.status(201).send(await licensing.issueLicence(principalOf(request), request.body, requestContext(request))),
  );
  for (const change of ['suspend', 'reinstate', 'revoke'] as const) {
    app.post(`/api/licensing/licences/:id/${change}`, { preHandler: admin, schema: { tags, params: ZId, response: { 200: ZStaffLicence } } }, async (request) =>
      licensing.changeLicence(principalOf(request), request.params.id, change, requestContext(request)),
    );
  }
  app.post('/api/licensing/licences/:id/extend', { preHandler: admin, schema: { tags, params: ZId, body: ZExtendLicence, response: { 200: ZStaffLicence } } }, async (request) =>
    licensing.extendLicence(principalOf(request), request.params.id, new Date(request.body.expiresAt), requestContext(request)),
  );
  app.post('/api/licensing/signing-keys/rotate', { preHandler: admin, schema: { tags, response: { 200: z.object({ keyId: z.string(), publicKey: z.string() }) } } }, async (request) =>
    licensing.rotateSigningKeyByStaff(principalOf(request), requestContext(request)),
  );
}
