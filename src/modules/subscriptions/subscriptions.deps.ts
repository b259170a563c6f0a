import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { EgressService } from '../egress/index.js';
import type { OrdersDeps, StripeSetup } from '../orders/index.js';
import type { SubscriptionsTables } from './subscriptions.tables.js';

export type SubscriptionsDeps = {
  db: Kysely<SubscriptionsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  egress: Pick<EgressService, 'handOver'>;
  /** What issuing an invoice through orders needs (the vault, the policy's fiscal year, the tax rate). */
  invoicing: Pick<OrdersDeps, 'now' | 'policy' | 'fileVault' | 'taxRatePercent'>;
  paymentRecipient: string;
  /** Null when Stripe is not configured: only bank transfer is offered. */
  stripe: Pick<StripeSetup, 'client'> | null;
};
