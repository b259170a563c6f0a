import type { JSONColumnType, Selectable } from 'kysely';
import type { TPostalAddress } from '../orders/index.js';

/**
 * incomplete: waiting for its first payment; active: paid for the current period; past_due: a renewal
 * was not paid (its licence suspended); canceled: ended at the end of a period the customer cancelled;
 * expired: ended because a renewal stayed unpaid past the grace period.
 */
export type SubscriptionStatus = 'incomplete' | 'active' | 'past_due' | 'canceled' | 'expired';
export type SubscriptionProvider = 'bank_transfer' | 'stripe';
export type ChargeStatus = 'pending' | 'succeeded' | 'failed';

export interface SubscriptionsTables {
  subscription_plans: {
    id: string;
    code: string;
    name: string;
    /** An ISO 8601 duration (P1M, P1Y): the length of one paid period. */
    period: string;
    price_cents: number;
    currency: string;
    licensing_policy_id: string | null;
    active: boolean;
    created_at: Date;
  };
  subscriptions: {
    id: string;
    number: string;
    plan_id: string;
    customer_id: string;
    status: SubscriptionStatus;
    provider: SubscriptionProvider;
    payment_method_ref: string | null;
    billing_address: JSONColumnType<TPostalAddress, string, string>;
    licence_id: string | null;
    /** The number of the current period (1 for the first); a renewal bills period_index + 1. */
    period_index: number;
    current_period_start: Date | null;
    current_period_end: Date | null;
    cancel_at_period_end: boolean;
    reminded_period: number | null;
    past_due_since: Date | null;
    ended_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  subscription_charges: {
    id: string;
    subscription_id: string;
    customer_id: string;
    period_index: number;
    amount_cents: number;
    currency: string;
    provider: SubscriptionProvider;
    status: ChargeStatus;
    provider_ref: string | null;
    provider_payment_ref: string | null;
    invoice_id: string | null;
    recorded_by: string | null;
    created_at: Date;
    settled_at: Date | null;
  };
}

export type PlanRow = Selectable<SubscriptionsTables['subscription_plans']>;
export type SubscriptionRow = Selectable<SubscriptionsTables['subscriptions']>;
export type ChargeRow = Selectable<SubscriptionsTables['subscription_charges']>;
