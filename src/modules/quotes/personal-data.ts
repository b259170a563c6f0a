import { defineTables, notPersonal } from '../../platform/registry/index.js';

const money = { category: 'billing.transaction', erase: 'keep-legal-duty', keepReason: 'prices offered and accepted are accounting records' } as const;

export const quotesData = defineTables({
  quotes: {
    subject: 'customer_id',
    alsoSubjects: ['adjusted_by', 'created_by'],
    retentionStart: 'created_at',
    description: 'The prices we quoted for your projects, any change our staff made and why, and your answer.',
    columns: {
      id: notPersonal,
      project_id: notPersonal,
      customer_id: { category: 'account.id', erase: 'keep-with-row' },
      status: money,
      currency: money,
      computed_cents: money,
      amount_cents: money,
      breakdown: { category: 'project.specifications', erase: 'keep-legal-duty', keepReason: 'how an accepted price was made up' },
      adjustment_reason: money,
      adjusted_by: { category: 'account.id', erase: 'null' },
      adjusted_at: notPersonal,
      created_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
      decided_at: notPersonal,
    },
  },
});
