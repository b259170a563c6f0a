import { z } from 'zod';

/** The current password; left out by an account without one, which confirms by a fresh link sign-in instead. */
export const ZErasureConfirm = z.object({ password: z.string().min(1).max(1024).optional() });

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
