import { z } from 'zod';

export const ZRetentionPlanItem = z.object({
  table: z.string(),
  category: z.string(),
  rule: z.string(),
  endAction: z.enum(['delete', 'anonymise', 'aggregate']),
  effect: z.enum(['delete rows', 'blank columns', 'erase accounts']),
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

/** Closing is not undone: the body says so explicitly, so a stray request closes nothing. */
export const ZCloseAccount = z.strictObject({
  confirm: z.literal(true, { error: 'Closing your account cannot be undone: send {"confirm": true} to close it.' }),
});

export const ZClosedAccount = z.object({
  closedAt: z.string(),
  /** What is kept in the archive and until when (null: a date that depends on another event, such as a project's completion). */
  kept: z.array(z.object({ category: z.string(), label: z.string(), rule: z.string(), until: z.string().nullable() })),
});
