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
});
