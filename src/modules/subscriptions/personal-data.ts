import { defineTables, notPersonal } from '../../platform/registry/index.js';

const subscription = { category: 'billing.transaction', erase: 'delete-row' } as const;
const transaction = { category: 'billing.transaction', erase: 'keep-legal-duty', keepReason: 'payments of subscriptions are accounting records' } as const;

export const subscriptionsData = defineTables({
  subscription_plans: {
    subject: null,
    description: 'The plans on offer: name, period and price.',
    columns: { id: notPersonal, code: notPersonal, name: notPersonal, period: notPersonal, price_cents: notPersonal, currency: notPersonal, licensing_policy_id: notPersonal, active: notPersonal, created_at: notPersonal },
  },
  subscriptions: {
    subject: 'customer_id',
    retentionStart: 'created_at',
    retentionClocks: { subscription_ended: 'ended_at' },
    description: 'Your subscriptions: the plan, its status, the paid period, whether it ends at the period end, and how you pay.',
    columns: {
      id: notPersonal,
      number: notPersonal,
      plan_id: subscription,
      customer_id: { category: 'account.id', erase: 'delete-row' },
      status: subscription,
      provider: subscription,
      // The provider's token for the saved card: kept only while the policy declares payment instruments.
      payment_method_ref: { category: 'billing.payment_instrument', erase: 'null', onlyIfDeclared: true, instrument: 'token' },
      billing_address: { category: 'billing.address', erase: 'delete-row' },
      licence_id: notPersonal,
      period_index: subscription,
      current_period_start: subscription,
      current_period_end: subscription,
      cancel_at_period_end: subscription,
      reminded_period: notPersonal,
      past_due_since: subscription,
      ended_at: subscription,
      created_at: notPersonal,
      updated_at: notPersonal,
    },
  },
  subscription_charges: {
    subject: 'customer_id',
    alsoSubjects: ['recorded_by'],
    retentionStart: 'created_at',
    description: 'What each period of your subscriptions cost, how and when it was paid, and its invoice.',
    columns: {
      id: notPersonal,
      subscription_id: notPersonal,
      customer_id: { category: 'account.id', erase: 'keep-with-row' },
      period_index: transaction,
      amount_cents: transaction,
      currency: transaction,
      provider: transaction,
      status: transaction,
      provider_ref: transaction,
      provider_payment_ref: transaction,
      invoice_id: notPersonal,
      recorded_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
      settled_at: notPersonal,
    },
  },
});
