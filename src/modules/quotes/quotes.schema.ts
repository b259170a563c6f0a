import { z } from 'zod';

export const ZAdjustQuote = z.object({
  amountCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(3, 'say why the price changed: the customer reads it').max(2000),
});

const ZLine = z.object({
  fileId: z.uuid(),
  fileName: z.string(),
  volumeCm3: z.number(),
  heightMm: z.number(),
  machineHours: z.number(),
  materialCentsPerPart: z.number(),
  machineCentsPerPart: z.number(),
  unitCents: z.number(),
  quantity: z.number(),
  lineCents: z.number(),
});

export const ZQuote = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  status: z.enum(['offered', 'accepted', 'declined', 'superseded']),
  currency: z.string(),
  amountCents: z.number(),
  computedCents: z.number(),
  adjusted: z.boolean(),
  adjustmentReason: z.string().nullable(),
  adjustedAt: z.date().nullable(),
  breakdown: z.object({
    process: z.string(),
    material: z.string(),
    quantity: z.number(),
    lines: z.array(ZLine),
    setupFeeCents: z.number(),
    subtotalCents: z.number(),
    minimumOrderCents: z.number(),
    minimumApplied: z.boolean(),
    excludedFiles: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  /** What the caller may do with this quote now (quote-access.ts decides, as it does on the request). */
  canAccept: z.boolean(),
  canDecline: z.boolean(),
  canAdjust: z.boolean(),
});
