import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { allowKeyAuthenticatedPreflight, requestContext } from '../../platform/http/index.js';
import { desktopWho } from './desktop-actor.js';
import type { DesktopCredential } from './licence-context.js';
import { licensingErrors } from './licensing.errors.js';
import { ZActivate, ZActivation, ZCheckOut, ZDesktopMachine, ZDownloadQuery, ZPublicKeys, ZUpgrade, ZUpgradeQuery, ZValidateKey, ZValidation } from './licensing.schema.js';
import type { LicensingService } from './licensing.use-cases.js';

export type DesktopRoutesDeps = { licensing: LicensingService };

export const DESKTOP_PREFIX = '/api/desktop/v1';
/**
 * The desktop API sends no files and no project data: a body is a few short fields, so a few KiB is
 * plenty, and anything bigger is refused before it is read.
 */
export const DESKTOP_BODY_LIMIT = 4 * 1024;
/** Per address: an app validates at start and pings every few minutes; a loop that asks more is a bug or a guesser. */
// Credentials come in the Authorization header: any origin may call (an Electron renderer's own pages).
const desktopConfig = { rateLimit: { max: 120, timeWindow: '1 minute' }, keyAuthenticated: true };
const tags = ['desktop licensing'];
const ZMachineId = z.strictObject({ id: z.uuid() });
/** Routes that need no body still refuse one with any field in it (an empty POST arrives as null). */
const ZNoBody = z.strictObject({}).nullish();

/** `Authorization: License <key>` or `Authorization: Bearer <machine token>`, as Keygen takes them. */
function credentialOf(request: FastifyRequest): DesktopCredential {
  const header = request.headers.authorization ?? '';
  const match = /^(License|Bearer)\s+(\S{1,200})$/i.exec(header);
  if (!match?.[1] || !match[2]) throw licensingErrors.badCredentials();
  return match[1].toLowerCase() === 'license' ? { kind: 'licence', key: match[2] } : { kind: 'machine', token: match[2] };
}

/**
 * The API the desktop app calls, apart from the browser's session and CSRF scheme: no cookie is read
 * or set here, credentials come in the Authorization header, and every body is a strict schema.
 */
export function registerDesktopRoutes(app: HttpServer, deps: DesktopRoutesDeps) {
  const { licensing } = deps;
  const opts = { bodyLimit: DESKTOP_BODY_LIMIT, config: desktopConfig };
  allowKeyAuthenticatedPreflight(app, DESKTOP_PREFIX);

  app.post(`${DESKTOP_PREFIX}/licenses/actions/validate-key`, { ...opts, schema: { tags, body: ZValidateKey, response: { 200: ZValidation } } }, async (request) => licensing.validateKey(request.body, requestContext(request)));

  app.post(`${DESKTOP_PREFIX}/machines`, { ...opts, schema: { tags, body: ZActivate, response: { 201: ZActivation } } }, async (request, reply) =>
    reply.status(201).send(await licensing.activateMachine(credentialOf(request), request.body, requestContext(request))),
  );

  app.delete(`${DESKTOP_PREFIX}/machines/:id`, { ...opts, schema: { tags, params: ZMachineId, body: ZNoBody, response: { 204: z.null() } } }, async (request, reply) => {
    await licensing.deactivateMachine(credentialOf(request), request.params.id, requestContext(request));
    return reply.status(204).send(null);
  });

  app.post(`${DESKTOP_PREFIX}/machines/:id/actions/ping`, { ...opts, schema: { tags, params: ZMachineId, body: ZNoBody, response: { 200: ZDesktopMachine } } }, async (request) =>
    licensing.pingMachine(credentialOf(request), request.params.id, requestContext(request)),
  );

  app.post(
    `${DESKTOP_PREFIX}/machines/:id/actions/check-out`,
    { ...opts, schema: { tags, params: ZMachineId, body: ZCheckOut.nullish(), response: { 200: z.object({ certificate: z.string(), algorithm: z.string(), issued: z.date(), expiry: z.date(), ttl: z.number(), keyId: z.string() }) } } },
    async (request) => licensing.checkOutLicenceFile(credentialOf(request), request.params.id, request.body ?? {}, requestContext(request)),
  );

  app.get(`${DESKTOP_PREFIX}/releases/actions/upgrade`, { ...opts, schema: { tags, querystring: ZUpgradeQuery, response: { 200: ZUpgrade } } }, async (request) =>
    licensing.checkForUpdate(credentialOf(request), request.query, requestContext(request)),
  );

  app.get(`${DESKTOP_PREFIX}/releases/:id/download`, { ...opts, schema: { tags, params: ZMachineId, querystring: ZDownloadQuery } }, async (request, reply) =>
    reply.redirect(await licensing.resolveDownload(request.params.id, request.query), 302),
  );

  app.get(`${DESKTOP_PREFIX}/public-key`, { ...opts, schema: { tags, response: { 200: ZPublicKeys } } }, async (request) => licensing.publicKeys(desktopWho(requestContext(request))));
}
