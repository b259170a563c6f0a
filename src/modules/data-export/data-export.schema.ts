import { z } from 'zod';

export const ZDataExport = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'building', 'ready', 'failed', 'expired']),
  sizeBytes: z.number().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  downloadedAt: z.date().nullable(),
});
