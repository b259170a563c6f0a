import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import type { AuthHooks } from '../accounts/index.js';
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
export function registerMailRoutes(app: HttpServer, deps: { mail: MailService; auth: AuthHooks }) {
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
      return {
        messages: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.body_text, kind: r.kind, createdAt: r.created_at, sentAt: r.sent_at })),
      };
    },
  );
}
