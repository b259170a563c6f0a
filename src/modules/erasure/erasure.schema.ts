import { z } from 'zod';

export const ZErasureConfirm = z.object({ password: z.string().min(1).max(1024) });

/** An erasure as its certificate link shows it; the certificate's own structure is documented by certificateText. */
export const ZErasureView = z.object({
  id: z.uuid(),
  status: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  progress: z.object({ tablesDone: z.number() }),
  certificate: z.unknown(),
  certificateText: z.string().nullable(),
});
