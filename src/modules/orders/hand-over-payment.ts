import type { Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import type { OrdersDeps } from './orders.deps.js';

/** What a payment asks of the provider: an amount, a currency and the reference people read (order or subscription number). */
export type PaymentToHandOver = {
  subjectId: string;
  amountCents: number;
  currency: string;
  reference: string;
  /** The id of the order or subscription paid, for the disclosure log. */
  recordId: string;
  /** The audit entry's details (which record, which provider). */
  auditDetails: Record<string, unknown>;
};

/** What egress released to the provider: the e-mail is absent when the policy does not give it to the provider. */
export type ReleasedPayment = { amountCents: number; currency: string; reference: string; email?: string };

/**
 * The one hand-over of a payment to the payment provider, for orders and subscriptions alike: the
 * amount, currency and reference (and the customer's e-mail, where the policy gives it to the
 * provider) go through egress in the caller's work; only what it releases may go into the provider's call.
 */
export async function handOverPayment(work: Work, deps: Pick<OrdersDeps, 'egress' | 'paymentRecipient'>, payment: PaymentToHandOver): Promise<ReleasedPayment> {
  const customer = await findUserContact(work, payment.subjectId);
  const out = await deps.egress.handOver(work, {
    recipient: deps.paymentRecipient,
    processing: 'service',
    subjectId: payment.subjectId,
    data: {
      amountCents: { category: 'billing.transaction', value: payment.amountCents },
      currency: { category: 'billing.transaction', value: payment.currency },
      reference: { category: 'billing.transaction', value: payment.reference },
      email: { category: 'contact.email', value: customer?.email, optional: true },
    },
    reference: payment.recordId,
    audit: { action: 'payments.handed_to_provider', details: payment.auditDetails },
  });
  return out.data as ReleasedPayment;
}
