import { z } from 'zod';

export const ZOpenHold = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
  scope: z.enum(['person', 'project', 'organisation']),
  scopeId: z.uuid(),
  endsOn: z.iso.date().optional(),
});
export type TOpenHold = z.infer<typeof ZOpenHold>;

export const ZHold = z.object({
  id: z.uuid(),
  reason: z.string(),
  scope: z.enum(['person', 'project', 'organisation']),
  scopeId: z.uuid(),
  openedAt: z.string(),
  endsOn: z.string().nullable(),
  releasedAt: z.string().nullable(),
});
export type THold = z.infer<typeof ZHold>;
