import { z } from 'zod';

export const ZRetentionPlanItem = z.object({
  table: z.string(),
  category: z.string(),
  rule: z.string(),
  endAction: z.enum(['delete', 'anonymise', 'aggregate']),
  effect: z.enum(['delete rows', 'blank columns']),
  columns: z.array(z.string()),
  rows: z.number().int(),
  files: z.boolean(),
  earliestStart: z.string().nullable(),
  earliestEnd: z.string().nullable(),
  enforcedBy: z.string().nullable(),
});

export const ZRetentionPlan = z.object({ asOf: z.string(), policyVersion: z.number().int(), items: z.array(ZRetentionPlanItem), totalRows: z.number().int() });

export const ZCertificateSummary = z.object({
  runId: z.uuid(),
  asOf: z.string(),
  completedAt: z.string(),
  policyVersion: z.number().int(),
  rows: z.number().int(),
  files: z.number().int(),
  sha256: z.string(),
});
