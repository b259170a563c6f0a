import { z } from 'zod';
import { ZBuildVolumeFit, ZModelAnalysis } from '../models/index.js';

export const ZFile = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** uploaded: waiting for its analysis; analysed: see `analysis`; rejected: see `rejectionReason`. */
  status: z.enum(['uploaded', 'analysed', 'rejected']),
  analysis: ZModelAnalysis.nullable(),
  buildVolumeFit: z.array(ZBuildVolumeFit).nullable(),
  rejectionReason: z.string().nullable(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.date(),
  analysedAt: z.date().nullable(),
  /** Whether GET /api/files/:id/preview has a light preview (GLB) of it; files analysed before previews existed have none. */
  hasPreview: z.boolean(),
  /** Whether the reader may delete it, and whether only with a reason (it is someone else's: deleted on their behalf). */
  canDelete: z.boolean(),
  deleteNeedsReason: z.boolean(),
});

/** Why a file somebody else uploaded is deleted; kept in the audit trail. Not needed for one's own files. */
export const ZDeleteFile = z.object({ reason: z.string().trim().min(1).max(500).optional() });
