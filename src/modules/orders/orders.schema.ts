import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const ZAddressInput = z.object({
  name: line(200),
  company: optionalLine(200),
  line1: line(200),
  line2: optionalLine(200),
  postalCode: line(20),
  city: line(100),
  region: optionalLine(100),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE or FR')),
});
export type TAddressInput = z.infer<typeof ZAddressInput>;

export const ZAddress = z.object({
  name: z.string(),
  company: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
});

export const ZSavedAddress = ZAddress.extend({ id: z.uuid(), createdAt: z.date() });

export const ZPlaceOrder = z.object({
  billingAddress: ZAddressInput,
  /** Omitted: shipped to the billing address. */
  shippingAddress: ZAddressInput.optional(),
  notes: optionalLine(2000),
  /** Keep the addresses in the address book for the next order (default yes). */
  saveAddresses: z.boolean().default(true),
});
export type TPlaceOrder = z.infer<typeof ZPlaceOrder>;

export const ZOrderStatus = z.enum(['pending_payment', 'paid', 'in_production', 'shipped', 'delivered', 'cancelled', 'refunded']);

export const ZMoveOrder = z.object({
  status: z.enum(['in_production', 'shipped', 'delivered', 'cancelled']),
  note: optionalLine(2000),
  carrier: optionalLine(100),
  trackingUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) link to the carrier’s tracking page' }).max(2000).nullish(),
});
export type TMoveOrder = z.infer<typeof ZMoveOrder>;

export const ZCheckout = z.object({ provider: z.enum(['bank_transfer', 'stripe']) });

export const ZRefund = z.object({ reason: z.string().trim().min(3, 'say why the order is refunded: the credit note and the customer show it').max(500) });

const ZLine = z.object({ description: z.string(), quantity: z.number(), unitCents: z.number(), lineCents: z.number() });

export const ZPayment = z.object({
  id: z.uuid(),
  kind: z.enum(['payment', 'refund']),
  provider: z.enum(['bank_transfer', 'stripe']),
  status: z.enum(['pending', 'succeeded', 'failed']),
  amountCents: z.number(),
  currency: z.string(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
});

export const ZInvoice = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  orderId: z.uuid().nullable(),
  /** The order or subscription number the invoice bills. */
  reference: z.string(),
  fiscalYear: z.number(),
  currency: z.string(),
  netCents: z.number(),
  taxCents: z.number(),
  totalCents: z.number(),
  issuedAt: z.date(),
  downloadUrl: z.string(),
});

export const ZOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  /** Where the order comes from: an accepted quote of a project, a saved configuration, or a catalogue item. */
  quoteId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  configurationId: z.uuid().nullable(),
  catalogueItemId: z.uuid().nullable(),
  status: ZOrderStatus,
  currency: z.string(),
  lines: z.array(ZLine),
  netCents: z.number(),
  taxRatePercent: z.number(),
  taxCents: z.number(),
  totalCents: z.number(),
  billingAddress: ZAddress,
  /** Null where the policy declares no shipping details: a service, delivered without shipping. */
  shippingAddress: ZAddress.nullable(),
  notes: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  paymentMethod: z.enum(['bank_transfer', 'stripe']).nullable(),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  /** What the caller may do now, from the rules the use-cases enforce. */
  viewerRole: z.enum(['customer', 'staff', 'admin']),
  allowedMoves: z.array(z.enum(['in_production', 'shipped', 'delivered', 'cancelled'])),
  canPay: z.boolean(),
  canRecordPayment: z.boolean(),
  canRefund: z.boolean(),
  paymentOptions: z.array(z.enum(['bank_transfer', 'stripe'])),
});

export const ZOrderDetail = z.object({
  order: ZOrder,
  payments: z.array(ZPayment),
  invoices: z.array(ZInvoice),
  events: z.array(z.object({ from: ZOrderStatus.nullable(), to: ZOrderStatus, note: z.string().nullable(), at: z.date() })),
  /** For a bank transfer: what to pay, to whom, with which reference. */
  bankTransfer: z.object({ reference: z.string(), amountCents: z.number(), currency: z.string(), payee: z.string() }).nullable(),
});

export const ZCatalogueItemInput = z.object({
  name: line(200),
  description: optionalLine(2000),
  unitCents: z.number().int().min(0).max(100_000_000),
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR or USD')),
});
export type TCatalogueItemInput = z.infer<typeof ZCatalogueItemInput>;

export const ZCatalogueItem = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  unitCents: z.number(),
  currency: z.string(),
  active: z.boolean(),
});

/** Ordering a catalogue item: how many, and the same addresses and notes as any order. */
export const ZOrderCatalogueItem = ZPlaceOrder.extend({ quantity: z.number().int().min(1).max(10_000).default(1) });
export type TOrderCatalogueItem = z.infer<typeof ZOrderCatalogueItem>;
