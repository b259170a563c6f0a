import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors/index.js';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { attachmentDisposition } from '../files/index.js';
import { ZCannedReply, ZCannedReplyInput, ZConfirmContact, ZContactForm, ZContactFormOptions, ZCustomerMessage, ZInboxQuery, ZStaffMessage, ZTicket, ZTicketChange, ZTicketSummary, ZToPrivacyRequest } from './support.schema.js';
import type { SupportService } from './support.use-cases.js';

/** How many contact forms one address and one IP may send per hour (MESHVAULT_SUPPORT_FORMS_PER_*). */
export type ContactFormLimits = { perIpPerHour: number; perEmailPerHour: number; bodyLimitBytes: number };

export type SupportRoutesDeps = { support: SupportService; auth: AuthHooks; limits: ContactFormLimits };

const ZId = z.object({ id: z.uuid() });
const ZChallenge = z.object({ parameters: z.looseObject({ algorithm: z.string(), nonce: z.string(), salt: z.string(), cost: z.number(), keyLength: z.number(), keyPrefix: z.string() }), signature: z.string().optional() });
const publicTags = ['support'];
const staffTags = ['support desk'];

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** The contact form (public), the staff inbox, and the person's own tickets. */
export function registerSupportRoutes(app: HttpServer, deps: SupportRoutesDeps) {
  const { support, auth, limits } = deps;
  const staff = auth.requireRole('staff', 'privacy_officer', 'admin');
  const officer = auth.requireRole('privacy_officer', 'admin');

  app.get('/api/support/form', { schema: { tags: publicTags, response: { 200: ZContactFormOptions } } }, async () => support.contactFormOptions());
  app.get('/api/support/challenge', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags: publicTags, response: { 200: ZChallenge } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const challenge = await support.issueChallenge();
    return { parameters: { ...challenge.parameters }, ...(challenge.signature ? { signature: challenge.signature } : {}) };
  });
  // A flood is cut twice: per client address (the route's limit) and per e-mail address written in the form.
  const perEmailLimit = app.createRateLimit({ max: limits.perEmailPerHour, timeWindow: '1 hour', keyGenerator: (request) => `support-email:${emailOf(request.body)}` });
  const perEmail = async (request: FastifyRequest) => {
    const limit = await perEmailLimit(request);
    if (!limit.isAllowed && limit.isExceeded) throw new AppError('rate_limited', `Too many messages from this e-mail address: try again in ${Math.ceil(limit.ttlInSeconds / 60)} minutes.`);
  };
  app.post(
    '/api/support/contact',
    { bodyLimit: limits.bodyLimitBytes, config: { rateLimit: { max: limits.perIpPerHour, timeWindow: '1 hour' } }, preHandler: perEmail, schema: { tags: publicTags, body: ZContactForm, response: { 202: z.object({ id: z.uuid(), confirmationSent: z.boolean() }) } } },
    async (request, reply) => reply.status(202).send(await support.submitContact(request.principal, request.body, requestContext(request))),
  );
  app.post('/api/support/contact/confirm', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: publicTags, body: ZConfirmContact, response: { 200: z.object({ id: z.uuid(), confirmed: z.boolean() }) } } }, async (request) =>
    support.confirmContact(request.body, requestContext(request)),
  );

  app.get('/api/support/tickets', { preHandler: staff, schema: { tags: staffTags, querystring: ZInboxQuery, response: { 200: z.object({ tickets: z.array(ZTicketSummary) }) } } }, async (request) => ({
    tickets: await support.listInbox(principalOf(request), request.query, requestContext(request)),
  }));
  app.get('/api/support/tickets/:id', { preHandler: staff, schema: { tags: staffTags, params: ZId, response: { 200: z.object({ ticket: ZTicket }) } } }, async (request) => ({
    ticket: await support.readTicket(principalOf(request), request.params.id, requestContext(request)),
  }));
  app.patch('/api/support/tickets/:id', { preHandler: staff, schema: { tags: staffTags, params: ZId, body: ZTicketChange, response: { 200: z.object({ ticket: ZTicket }) } } }, async (request) => ({
    ticket: await support.changeTicket(principalOf(request), request.params.id, request.body, requestContext(request)),
  }));
  app.post('/api/support/tickets/:id/messages', { preHandler: staff, schema: { tags: staffTags, params: ZId, body: ZStaffMessage, response: { 201: z.object({ ticket: ZTicket }) } } }, async (request, reply) =>
    reply.status(201).send({ ticket: await support.postStaffMessage(principalOf(request), request.params.id, request.body, requestContext(request)) }),
  );
  app.post(
    '/api/support/tickets/:id/privacy-request',
    { preHandler: officer, schema: { tags: staffTags, params: ZId, body: ZToPrivacyRequest, response: { 201: z.object({ request: z.object({ id: z.uuid(), receivedOn: z.string(), dueOn: z.string() }), ticket: ZTicket }) } } },
    async (request, reply) => reply.status(201).send(await support.turnIntoPrivacyRequest(principalOf(request), request.params.id, request.body, requestContext(request))),
  );
  app.get('/api/support/staff', { preHandler: staff, schema: { tags: staffTags, response: { 200: z.object({ staff: z.array(z.object({ id: z.uuid(), name: z.string() })) }) } } }, async (request) => ({ staff: await support.listStaff(principalOf(request), requestContext(request)) }));
  app.get('/api/support/canned-replies', { preHandler: staff, schema: { tags: staffTags, response: { 200: z.object({ replies: z.array(ZCannedReply) }) } } }, async (request) => ({
    replies: await support.listCannedReplies(principalOf(request)),
  }));
  app.post('/api/support/canned-replies', { preHandler: staff, schema: { tags: staffTags, body: ZCannedReplyInput, response: { 201: ZCannedReply } } }, async (request, reply) =>
    reply.status(201).send(await support.createCannedReply(principalOf(request), request.body, requestContext(request))),
  );
  app.delete('/api/support/canned-replies/:id', { preHandler: staff, schema: { tags: staffTags, params: ZId, response: { 204: z.null() } } }, async (request, reply) => {
    await support.deleteCannedReply(principalOf(request), request.params.id, requestContext(request));
    return reply.status(204).send(null);
  });

  app.get('/api/me/support/tickets', { preHandler: auth.requireUser, schema: { tags: publicTags, response: { 200: z.object({ tickets: z.array(ZTicketSummary) }) } } }, async (request) => ({
    tickets: await support.listMyTickets(principalOf(request), requestContext(request)),
  }));
  app.get('/api/me/support/tickets/:id', { preHandler: auth.requireUser, schema: { tags: publicTags, params: ZId, response: { 200: z.object({ ticket: ZTicket }) } } }, async (request) => ({
    ticket: await support.readMyTicket(principalOf(request), request.params.id, requestContext(request)),
  }));
  app.post('/api/me/support/tickets/:id/messages', { preHandler: auth.requireUser, bodyLimit: limits.bodyLimitBytes, schema: { tags: publicTags, params: ZId, body: ZCustomerMessage, response: { 201: z.object({ ticket: ZTicket }) } } }, async (request, reply) =>
    reply.status(201).send({ ticket: await support.postCustomerMessage(principalOf(request), request.params.id, request.body, requestContext(request)) }),
  );
  app.get('/api/support/attachments/:id', { preHandler: auth.requireUser, schema: { tags: publicTags, params: ZId } }, async (request, reply) => {
    const file = await support.openAttachment(principalOf(request), request.params.id, requestContext(request));
    // Never rendered by the browser: an attachment is whatever a stranger sent.
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(file.size))
      .header('content-disposition', attachmentDisposition(file.name))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  });
}
