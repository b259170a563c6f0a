import type { Kysely } from 'kysely';
import type { StripeClient } from '../../platform/payments/index.js';
import type { UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
import type { EgressService } from '../egress/index.js';
import type { FileVault } from '../files/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { OrdersTables } from './orders.tables.js';

/** Stripe as configured: the client the app builds (the HTTP call lives in platform/payments) and the webhook secret. */
export type StripeSetup = { client: StripeClient; webhookSecret: string };

export type OrdersDeps = {
  db: Kysely<OrdersTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  policy: Pick<ActivePolicy, 'inWork'>;
  egress: Pick<EgressService, 'handOver'>;
  fileVault: FileVault;
  /** The manifest recipient id of the payment provider (MESHVAULT_PAYMENT_RECIPIENT). */
  paymentRecipient: string;
  taxRatePercent: number;
  /** Null when Stripe is not configured: only bank transfer is offered. */
  stripe: StripeSetup | null;
  /**
   * Stripe's notices about payments that are no order's (a subscription's), applied in the same work
   * after the signature check; answers the outcome, or null when it knows the notice no more than orders.
   */
  otherStripeEvents?: (work: Work, event: { id: string; type: string; data: { object: Record<string, unknown> } }) => Promise<string | null>;
};
