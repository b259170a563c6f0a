import { z } from 'zod';
import { REQUEST_ACTIONS, REQUEST_KINDS, REQUEST_STATUSES } from './rights-requests.tables.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const ZSubmitRequest = z.object({
  name: text(200),
  email: z.email({ error: 'expected an e-mail address such as you@example.com' }).max(254),
  kind: z.enum(REQUEST_KINDS, { error: `expected a request type: one of ${REQUEST_KINDS.join(', ')}` }),
  jurisdiction: z.string().trim().min(1).max(64),
  details: text(5000).optional(),
  /** Someone acting for the person: the person is still asked to confirm by e-mail. */
  agent: z.object({ name: text(200), email: z.email().max(254), authority: text(2000) }).optional(),
});
export type TSubmitRequest = z.infer<typeof ZSubmitRequest>;

export const ZCorrectionRequest = z.object({
  jurisdiction: z.string().trim().min(1).max(64).optional(),
  /** What is wrong (a field or a record), and what it should say. */
  what: text(500),
  correction: text(5000),
});

export const ZRequestView = z.object({
  id: z.uuid(),
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  name: z.string(),
  email: z.string(),
  jurisdiction: z.string(),
  details: z.string().nullable(),
  hasAccount: z.boolean(),
  agent: z.object({ name: z.string(), email: z.string(), authority: z.string() }).nullable(),
  verified: z.boolean(),
  receivedOn: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  overdue: z.boolean(),
  extensionReason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** What the officer may do now (request-actions.ts): the server refuses the rest, the web offers these. */
  allowedActions: z.array(z.enum(REQUEST_ACTIONS)),
});
export type TRequestView = z.infer<typeof ZRequestView>;

export const ZReason = z.object({ reason: text(2000) });
export const ZAnswer = z.object({ answer: text(5000) });

const ZJurisdiction = z.object({ id: z.string(), name: z.string(), rights: z.array(z.string()) });

/** What the public request form offers, from the policy in force. */
export const ZRightsOptions = z.object({ kinds: z.array(z.enum(REQUEST_KINDS)), jurisdictions: z.array(ZJurisdiction) });

export const ZRequestMetrics = z.object({
  received: z.number(),
  open: z.number(),
  completed: z.number(),
  denied: z.number(),
  overdue: z.number(),
  answeredLate: z.number(),
  medianDaysToAnswer: z.number().nullable(),
});
