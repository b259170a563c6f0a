import { defineTables, notPersonal } from '../../platform/registry/index.js';

const kept = { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a legal hold: the data it covers must be kept until it is released' } as const;

export const legalHoldsData = defineTables({
  legal_holds: {
    // The held person (scope 'person') is named by scope_id; the officers who opened and released it too.
    subject: null,
    alsoSubjects: ['opened_by', 'released_by'],
    // The clock starts when the hold is released: an open hold is never removed by retention.
    retentionStart: 'released_at',
    description: 'Legal holds: cases (a claim, an investigation) for which data about a person, a project or an organisation must be kept.',
    columns: {
      id: notPersonal,
      reason: kept,
      scope: notPersonal,
      scope_id: kept,
      opened_by: { category: 'account.id', erase: 'null' },
      opened_at: kept,
      ends_on: notPersonal,
      released_by: { category: 'account.id', erase: 'null' },
      released_at: notPersonal,
    },
  },
});
