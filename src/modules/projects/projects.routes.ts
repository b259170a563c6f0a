import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { mayCreateProjects, PROJECT_CREATORS, STAFF_ASSIGNERS } from './project-access.js';
import type { ProjectsService } from './projects.use-cases.js';
import {
  ZAssign,
  ZChangeStatus,
  ZCreateProject,
  ZMessage,
  ZNotification,
  ZPostMessage,
  ZProject,
  ZProjectOptions,
  ZProjectStatus,
  ZProjectSummary,
  ZPromisedDelivery,
} from './projects.schema.js';

export type ProjectsRoutesDeps = { projects: ProjectsService; auth: AuthHooks };

const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
const tags = ['projects'];
const ZPage = (max: number, byDefault: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(byDefault), offset: z.coerce.number().int().min(0).default(0) });
const ZId = z.object({ id: z.uuid() });

export function registerProjectsRoutes(app: HttpServer, deps: ProjectsRoutesDeps) {
  const { projects, auth } = deps;
  const staffOrAdmin = auth.requireRole('staff', 'admin');

  app.get('/api/projects/options', { preHandler: auth.requireUser, schema: { tags, response: { 200: ZProjectOptions } } }, async () => projects.options());

  app.post(
    '/api/projects',
    { preHandler: auth.requireRole(...PROJECT_CREATORS), schema: { tags, body: ZCreateProject, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await projects.create(principalOf(request), request.body, requestContext(request))),
  );

  app.get(
    '/api/projects',
    { preHandler: auth.requireUser, schema: { tags, querystring: ZPage(500, 100).extend({ status: ZProjectStatus.optional() }), response: { 200: z.object({ projects: z.array(ZProjectSummary), canCreate: z.boolean() }) } } },
    async (request) => ({ projects: await projects.list(principalOf(request), request.query, requestContext(request)), canCreate: mayCreateProjects(principalOf(request)) }),
  );

  app.get('/api/projects/:id', { preHandler: auth.requireUser, schema: { tags, params: ZId, response: { 200: z.object({ project: ZProject }) } } }, async (request) => ({
    project: await projects.get(principalOf(request), request.params.id, requestContext(request)),
  }));

  app.post('/api/projects/:id/status', { preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZChangeStatus, response: { 200: ZOk } } }, async (request) => {
    await projects.changeStatus(principalOf(request), request.params.id, request.body, requestContext(request));
    return ok;
  });

  app.put('/api/projects/:id/promised-delivery', { preHandler: staffOrAdmin, schema: { tags, params: ZId, body: ZPromisedDelivery, response: { 200: ZOk } } }, async (request) => {
    await projects.setPromisedDelivery(principalOf(request), request.params.id, request.body.date, requestContext(request));
    return ok;
  });

  app.post('/api/projects/:id/assignments', { preHandler: auth.requireRole(...STAFF_ASSIGNERS), schema: { tags, params: ZId, body: ZAssign, response: { 200: ZOk } } }, async (request) => {
    await projects.assign(principalOf(request), request.params.id, request.body.staffId, requestContext(request));
    return ok;
  });

  app.delete(
    '/api/projects/:id/assignments/:staffId',
    { preHandler: auth.requireRole(...STAFF_ASSIGNERS), schema: { tags, params: z.object({ id: z.uuid(), staffId: z.uuid() }), response: { 200: ZOk } } },
    async (request) => {
      await projects.unassign(principalOf(request), request.params.id, request.params.staffId, requestContext(request));
      return ok;
    },
  );

  app.get(
    '/api/projects/:id/messages',
    { preHandler: auth.requireUser, schema: { tags, params: ZId, querystring: ZPage(1000, 200), response: { 200: z.object({ messages: z.array(ZMessage) }) } } },
    async (request) => ({ messages: await projects.listMessages(principalOf(request), request.params.id, request.query, requestContext(request)) }),
  );

  app.post(
    '/api/projects/:id/messages',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, preHandler: auth.requireUser, schema: { tags, params: ZId, body: ZPostMessage, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await projects.postMessage(principalOf(request), request.params.id, request.body.body, requestContext(request))),
  );

  app.get(
    '/api/notifications',
    {
      preHandler: auth.requireUser,
      schema: {
        tags: ['notifications'],
        querystring: ZPage(200, 50).extend({ unread: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ unread: z.number(), notifications: z.array(ZNotification) }) },
      },
    },
    async (request) => projects.listNotifications(principalOf(request), { ...request.query, unreadOnly: request.query.unread === 'true' }),
  );

  app.post('/api/notifications/:id/read', { preHandler: auth.requireUser, schema: { tags: ['notifications'], params: ZId, response: { 200: ZOk } } }, async (request) => {
    await projects.markNotificationRead(principalOf(request), request.params.id);
    return ok;
  });

  app.post('/api/notifications/read-all', { preHandler: auth.requireUser, schema: { tags: ['notifications'], response: { 200: z.object({ marked: z.number() }) } } }, async (request) => ({
    marked: await projects.markAllNotificationsRead(principalOf(request)),
  }));
}
