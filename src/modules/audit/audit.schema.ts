import { z } from 'zod';

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  subjectId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
