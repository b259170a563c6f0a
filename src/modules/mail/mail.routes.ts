import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { byPrincipal, type UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { MailService } from './mail.service.js';

const ZOutboxMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

/** Admins read the outbox in the web UI when no SMTP relay is configured. */
export function registerMailRoutes(app: HttpServer, deps: { mail: MailService; auth: AuthHooks; uow: UnitOfWork }) {
  app.get(
    '/api/admin/outbox',
    {
      preHandler: deps.auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), to: z.string().max(254).optional() }),
        response: { 200: z.object({ messages: z.array(ZOutboxMessage) }) },
      },
    },
    async (request) => {
      const rows = await deps.mail.list({ limit: request.query.limit, ...(request.query.to ? { to: request.query.to } : {}) });
      // Messages are other people's data: an admin reading them is recorded like any staff read.
      await deps.uow.run(byPrincipal(principalOf(request), requestContext(request)), (work) =>
        work.audit({
          action: 'mail.outbox_read',
          details: { messageIds: rows.map((r) => r.id), recipients: [...new Set(rows.map((r) => r.user_id).filter(Boolean))] },
        }),
      );
      return {
        messages: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.body_text, kind: r.kind, createdAt: r.created_at, sentAt: r.sent_at })),
      };
    },
  );
}
