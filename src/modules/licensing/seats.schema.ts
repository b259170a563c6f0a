import { z } from 'zod';

/** An organisation's licence as its administrators see it: what it is, its seats and who holds them. */
export const ZOrgLicence = z.object({
  id: z.uuid(),
  key: z.string(),
  product: z.string(),
  policy: z.string(),
  status: z.enum(['active', 'suspended', 'expired', 'revoked']),
  expiresAt: z.date().nullable(),
  maxUsers: z.number(),
  seats: z.array(z.object({ userId: z.uuid(), assignedAt: z.date(), machines: z.number() })),
});
export type TOrgLicence = z.infer<typeof ZOrgLicence>;

export const ZAssignSeat = z.strictObject({ userId: z.uuid() });
