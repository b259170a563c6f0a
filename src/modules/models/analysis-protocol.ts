import { z } from 'zod';
import type { ErrorCode } from '../../platform/errors/index.js';
import type { AnalyzeModelStreamOptions } from './analyze-model.js';
import { ZLengthUnit, ZModelFormat, type TModelAnalysis } from './models.schema.js';

/** What the parent sends the analysis child: the options of `analyzeModelStream`, limits resolved. */
export const ZChildRequest = z.object({
  options: z.object({
    format: ZModelFormat.optional(),
    filename: z.string().optional(),
    units: ZLengthUnit.optional(),
    byteLength: z.number().int().min(0).optional(),
    limits: z.record(z.string(), z.number()).optional(),
  }),
});

export type ChildRequest = { options: AnalyzeModelStreamOptions };

/**
 * The child's one answer. `analysis` is the in-process result object as it is (advanced serialization
 * carries typed arrays and anything else a result field holds); `peakRssBytes` is the child's peak RSS.
 */
export type ChildAnswer =
  | { ok: true; analysis: TModelAnalysis; preview: Uint8Array | null; peakRssBytes: number }
  | { ok: false; error: { code: ErrorCode; message: string; details: Record<string, unknown> }; peakRssBytes: number };
