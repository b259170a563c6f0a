import { z } from 'zod';

export const ZDataExport = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'building', 'ready', 'failed', 'expired']),
  sizeBytes: z.number().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  downloadedAt: z.date().nullable(),
});

/** What the page a mailed link opens shows: the export, and until when the link downloads it. */
export const ZDataExportLink = ZDataExport.extend({ linkExpiresAt: z.date() });
