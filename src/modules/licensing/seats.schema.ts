import { z } from 'zod';
import { ZLicenceSummary } from './licensing.schema.js';

/** An organisation's licence as its administrators see it: what it is, its seats and who holds them. */
export const ZOrgLicence = ZLicenceSummary.extend({
  maxUsers: z.number(),
  seats: z.array(z.object({ userId: z.uuid(), assignedAt: z.date(), machines: z.number() })),
});
export type TOrgLicence = z.infer<typeof ZOrgLicence>;

export const ZAssignSeat = z.strictObject({ userId: z.uuid() });
