import { z } from 'zod';
import { ZAddress, ZAddressInput, ZInvoice } from '../orders/index.js';

const ZProvider = z.enum(['bank_transfer', 'stripe']);

export const ZCreatePlan = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  period: z.string().trim().max(20),
  priceCents: z.number().int().positive().max(100_000_000),
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as EUR')),
  licensingPolicyId: z.uuid().optional(),
});
export type TCreatePlan = z.infer<typeof ZCreatePlan>;

export const ZPlan = z.object({ id: z.uuid(), code: z.string(), name: z.string(), period: z.string(), priceCents: z.number(), currency: z.string(), licensingPolicyId: z.uuid().nullable(), active: z.boolean() });
export type TPlan = z.infer<typeof ZPlan>;

export const ZSubscribe = z.object({ planId: z.uuid(), provider: ZProvider, billingAddress: ZAddressInput });
export type TSubscribe = z.infer<typeof ZSubscribe>;

export const ZPayDue = z.object({ provider: ZProvider });

export const ZCharge = z.object({ id: z.uuid(), period: z.number(), amountCents: z.number(), currency: z.string(), provider: ZProvider, status: z.enum(['pending', 'succeeded', 'failed']), invoiceId: z.uuid().nullable(), createdAt: z.date(), settledAt: z.date().nullable() });

export const ZSubscription = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  plan: ZPlan,
  status: z.enum(['incomplete', 'active', 'past_due', 'canceled', 'expired']),
  provider: ZProvider,
  cardSaved: z.boolean(),
  currentPeriodStart: z.date().nullable(),
  currentPeriodEnd: z.date().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  /** When an unpaid renewal ends the subscription (past due only). */
  expiresAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  licenceId: z.uuid().nullable(),
  billingAddress: ZAddress,
  amountDue: z.object({ amountCents: z.number(), currency: z.string(), provider: ZProvider, bankReference: z.string() }).nullable(),
  charges: z.array(ZCharge),
});

export const ZSubscriptionList = z.object({ subscriptions: z.array(ZSubscription), paymentOptions: z.array(ZProvider) });
export { ZInvoice };
