import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const rightsData = defineTables({
  processing_restrictions: {
    subject: 'user_id',
    retentionStart: 'since',
    description: 'Where you asked us to restrict processing of your data, or to stop a kind of processing such as marketing.',
    columns: {
      user_id: { category: 'account.id', erase: 'delete-row' },
      scope: { category: 'consent.record', erase: 'delete-row' },
      since: { category: 'consent.record', erase: 'delete-row' },
      reason: { category: 'consent.record', erase: 'delete-row' },
    },
  },
  disclosures: {
    subject: 'subject_id',
    alsoSubjects: ['recorded_by'],
    retentionStart: 'disclosed_at',
    description: 'Each time your data was actually handed to someone else: an integration you connected, or an authority that required it.',
    columns: {
      id: notPersonal,
      subject_id: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      kind: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      recipient: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      categories: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      legal_basis: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      reference: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      disclosed_at: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' },
      recorded_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
    },
  },
});
